// `npm run db:seed`: the taxonomies, the demo population (only into a database
// without users) and the admin account — exactly what the server does at start-up
// with SEED_DEMO=true. Migrations are not applied here: run `npm run db:migrate` first.
import { prepareApp } from '../app/services/startup.server'
import { prepareDatabase, prisma } from '../app/utils/db.server'
import { EnvError, env, type Env } from '../app/utils/env.server'

async function main(): Promise<void> {
  let config: Env
  try {
    config = env()
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message)
      process.exitCode = 1
      return
    }
    throw error
  }

  await prepareDatabase()
  const { generatedAdmin } = await prepareApp({
    seedDemo: true,
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
  })

  const [users, organisations] = await Promise.all([prisma.user.count(), prisma.organisation.count()])
  console.log(`The database holds ${users} accounts in ${organisations} organisations.`)
  if (generatedAdmin) {
    console.log(
      `An admin account was created:\n  e-mail:   ${generatedAdmin.email}\n  password: ${generatedAdmin.password}\n(shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`,
    )
  }
}

main()
  .catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
