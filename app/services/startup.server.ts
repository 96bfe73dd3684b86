// Placeholder: what runs before the server listens (being written).
import { prisma } from '~/utils/db.server'
import { seedTaxonomies } from '../../prisma/seed/taxonomies'

export interface StartupOptions {
  seedDemo: boolean
  adminEmail?: string
  adminPassword?: string
}

export async function prepareApp(_options: StartupOptions): Promise<{ generatedAdmin?: { email: string; password: string } }> {
  await seedTaxonomies(prisma)
  return {}
}
