import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
  server: { hmr: { port: Number(process.env.VITE_HMR_PORT ?? 24678) } },
  // Listed so a cold dev cache does not reload the page mid-hydration ("optimized dependencies changed").
  optimizeDeps: {
    include: [
      'react-i18next',
      'i18next',
      'socket.io-client',
      'yjs',
      'y-protocols/awareness',
      'y-protocols/sync',
      'lib0/encoding',
      'lib0/decoding',
      'y-indexeddb',
      '@tiptap/react',
      '@tiptap/starter-kit',
      '@tiptap/extension-table',
      '@tiptap/extension-collaboration',
      '@tiptap/extension-collaboration-caret',
    ],
  },
  build: { target: 'es2022' },
})
