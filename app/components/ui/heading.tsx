// A heading whose level depends on where a shared component is placed (in a
// community's tabbed frame or on a page of its own).
export function Heading({ level, id, children }: { level: 2 | 3 | 4 | 5; id?: string; children: React.ReactNode }) {
  const Tag = `h${level}` as const
  return (
    <Tag id={id} className={`utrecht-heading-${level}`}>
      {children}
    </Tag>
  )
}
