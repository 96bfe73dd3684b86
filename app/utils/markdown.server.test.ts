import { describe, expect, it } from 'vitest'
import { isSafeUrl, MAX_MARKDOWN_LENGTH, renderMarkdown } from './markdown.server'

// Real payloads (OWASP XSS filter evasion cheat sheet and friends).
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))',
  '[x](javascript%3Aalert(1))',
  '[x]( javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](data:text/html,<script>alert(1)</script>)',
  '<a href="javascript:alert(1)">x</a>',
  '![x](javascript:alert(1))',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '![x](https://example.com/a.png" onerror="alert(1))',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '[x](https://example.com/"onmouseover="alert(1))',
  '[x](https://example.com "title\\" onmouseover=alert(1) x=\\"")',
  '`<script>alert(1)</script>`',
  '```\n<script>alert(1)</script>\n```',
  '[<img src=x onerror=alert(1)>](https://example.com)',
  '**<script>alert(1)</script>**',
  '> <script>alert(1)</script>',
  '- <svg/onload=alert(1)>',
  '[x](//evil.example/%0d%0ajavascript:alert(1))',
  '[x](\\\\evil.example)',
]

/**
 * What must never appear in rendered HTML. Text is always escaped (`&lt;`), so
 * every `<…>` left in the output is a real tag; its attributes are checked.
 */
function expectNoActiveContent(html: string): void {
  const tags = html.match(/<[^>]*>/g) ?? []
  for (const tag of tags) {
    expect(tag).toMatch(/^<\/?(p|a|h[1-6]|ul|ol|li|strong|em|code|pre|blockquote|br|hr|s|table|thead|tbody|tr|th|td)[\s>/]/)
    // Attribute names only: values are quoted and have their quotes escaped.
    const names = tag.replace(/"[^"]*"/g, '""')
    expect(names).not.toMatch(/\son[a-z]+\s*=/i)
    expect(names).not.toMatch(/\s(src|style|srcdoc|formaction)\s*=/i)
    const href = /\shref="([^"]*)"/.exec(tag)?.[1]
    if (href !== undefined) {
      expect(href).toMatch(/^(https?:|mailto:|[/#?.]|[a-z0-9_-]+(\/|$))/i)
      expect(href).not.toMatch(/&#|javascript|vbscript|data:/i)
    }
  }
}

describe('renderMarkdown', () => {
  it.each(PAYLOADS)('renders %j without active content', (payload) => {
    const html = renderMarkdown(payload)
    expectNoActiveContent(html)
    // Also inside surrounding text and nested in structures.
    expectNoActiveContent(renderMarkdown(`Hallo ${payload} daar\n\n1. ${payload}\n\n> ${payload}`))
  })

  it('shows raw HTML as text instead of dropping it', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(renderMarkdown('<img src=x onerror=alert(1)>')).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('leaves a refused link as plain text', () => {
    const html = renderMarkdown('[klik](javascript:alert(1))')
    expect(html).not.toContain('<a')
    expect(html).toContain('[klik](javascript:alert(1))')
  })

  it('still renders ordinary Markdown', () => {
    const html = renderMarkdown(
      [
        '# Kop',
        '## Subkop',
        '',
        'Een **vet** en *schuin* woord, `code` en [een link](https://example.com/pad?a=1&b=2).',
        '',
        '- een',
        '- twee',
        '',
        '1. eerste',
        '2. tweede',
        '',
        '```',
        'const x = 1 < 2',
        '```',
        '',
        '> citaat',
      ].join('\n'),
    )
    expect(html).toContain('<h1>Kop</h1>')
    expect(html).toContain('<h2>Subkop</h2>')
    expect(html).toContain('<strong>vet</strong>')
    expect(html).toContain('<em>schuin</em>')
    expect(html).toContain('<code>code</code>')
    expect(html).toContain('<ul>\n<li>een</li>')
    expect(html).toContain('<ol>\n<li>eerste</li>')
    expect(html).toContain('<pre><code>const x = 1 &lt; 2\n</code></pre>')
    expect(html).toContain('<blockquote>')
    expect(html).toContain('<a href="https://example.com/pad?a=1&amp;b=2" rel="nofollow noopener noreferrer">een link</a>')
  })

  it('allows http, https, mailto and relative links, all with rel', () => {
    for (const [source, href] of [
      ['[a](http://example.com)', 'http://example.com'],
      ['[a](mailto:iemand@example.nl)', 'mailto:iemand@example.nl'],
      ['[a](/communities/bodem)', '/communities/bodem'],
      ['[a](#kop)', '#kop'],
      ['[a](../docs/1)', '../docs/1'],
    ] as const) {
      expect(renderMarkdown(source)).toContain(`<a href="${href}" rel="nofollow noopener noreferrer">a</a>`)
    }
  })

  it('links bare URLs and e-mail addresses', () => {
    const html = renderMarkdown('Zie https://example.com/x of mail info@example.nl')
    expect(html).toContain('<a href="https://example.com/x" rel="nofollow noopener noreferrer">https://example.com/x</a>')
    expect(html).toContain('<a href="mailto:info@example.nl" rel="nofollow noopener noreferrer">info@example.nl</a>')
  })

  it('turns an http(s) image into a link and drops other images', () => {
    expect(renderMarkdown('![Kaart](https://example.com/kaart.png)')).toBe(
      '<p><a href="https://example.com/kaart.png" rel="nofollow noopener noreferrer">Kaart</a></p>\n',
    )
    expect(renderMarkdown('![Kaart](/uploads/kaart.png)')).toBe('<p>Kaart</p>\n')
    expect(renderMarkdown('![Kaart](data:image/png;base64,iVBORw0KGgo=)')).not.toContain('<a')
  })

  it('cuts off very long input', () => {
    const html = renderMarkdown('a'.repeat(MAX_MARKDOWN_LENGTH + 10_000))
    expect(html.length).toBeLessThan(MAX_MARKDOWN_LENGTH + 100)
  })

  it('survives deep nesting', () => {
    expect(() => renderMarkdown('>'.repeat(5000) + ' x')).not.toThrow()
    expect(() => renderMarkdown('['.repeat(5000) + 'x' + ']'.repeat(5000))).not.toThrow()
  })
})

describe('isSafeUrl', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'java%09script:alert(1)',
    'javascript%3Aalert(1)',
    'data:text/html,x',
    'vbscript:x',
    'ftp://example.com',
    '\\\\evil.example',
    ' https://example.com',
    '%E0%A4%A',
    '',
  ])('refuses %j', (url) => {
    expect(isSafeUrl(url)).toBe(false)
  })

  it.each(['https://example.com', 'http://example.com/a b', 'mailto:a@b.nl', '/a', 'a/b', '#x', '?q=1'])('accepts %j', (url) => {
    expect(isSafeUrl(url.replace(' ', '%20'))).toBe(true)
  })
})
