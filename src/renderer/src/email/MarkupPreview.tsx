import type { Inline } from '../../../shared/email/markup'
import { parseMarkup } from '../../../shared/email/markup'

// The message as it will look, built from the same blocks as the HTML that is
// sent, as React elements (never as HTML in the page).

function Pieces({ pieces }: { pieces: Inline[] }) {
  return (
    <>
      {pieces.map((p, i) => {
        let node: React.ReactNode = p.text
        if (p.italic) node = <em>{node}</em>
        if (p.bold) node = <strong>{node}</strong>
        if (p.href) node = <a href={p.href}>{node}</a>
        return <span key={i}>{node}</span>
      })}
    </>
  )
}

export function MarkupPreview({ text }: { text: string }) {
  const blocks = parseMarkup(text)
  if (!blocks.length) return <p className="muted">Nothing written yet.</p>
  return (
    <div className="markup-preview">
      {blocks.map((b, i) =>
        b.kind === 'p' ? (
          <p key={i}>
            {b.lines.map((line, n) => (
              <span key={n}>
                {n > 0 && <br />}
                <Pieces pieces={line} />
              </span>
            ))}
          </p>
        ) : b.kind === 'ul' ? (
          <ul key={i}>{b.items.map((item, n) => <li key={n}><Pieces pieces={item} /></li>)}</ul>
        ) : (
          <ol key={i}>{b.items.map((item, n) => <li key={n}><Pieces pieces={item} /></li>)}</ol>
        ),
      )}
    </div>
  )
}
