import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { drawBlurred } from './blur-canvas';
import { applyKey, defaultRect, describeRect, MIN_RECT, rectFromDrag, type Rect } from './blur-geometry';

/**
 * One photo with the areas the clerk hides (faces, car plates): drawn with the mouse, or added by
 * «Добавить область» and moved (arrows) and resized (Shift+arrows) by keys; each area is listed in
 * words and can be selected and removed. The picture shows the areas already pixelated, as they
 * will be published.
 */
export function BlurEditor({ src, label, rects, onRects }: { src: string; label: string; rects: Rect[]; onRects: (rects: Rect[]) => void }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(null);
  const helpId = useId();

  useEffect(() => {
    const image = new Image();
    image.onload = () => setImg(image);
    image.src = src;
    return () => {
      image.onload = null;
    };
  }, [src]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !img) return;
    const ctx = drawBlurred(canvas, img, rects);
    if (!ctx) return;
    const outline = (r: Rect, strong: boolean) => {
      ctx.save();
      ctx.lineWidth = Math.max(2, Math.round(img.naturalWidth / 300)) * (strong ? 2 : 1);
      ctx.strokeStyle = strong ? '#ffd400' : '#ffffff';
      ctx.setLineDash(strong ? [] : [8, 6]);
      ctx.strokeRect(r.x, r.y, r.w, r.h);
      ctx.restore();
    };
    rects.forEach((r, i) => outline(r, i === selected));
    if (drag) outline(rectFromDrag(drag.from, drag.to, img.naturalWidth, img.naturalHeight), true);
  }, [img, rects, selected, drag]);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const box = c.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * c.width, y: ((e.clientY - box.top) / box.height) * c.height };
  };
  const add = (r: Rect) => {
    onRects([...rects, r]);
    setSelected(rects.length);
  };
  const remove = (i: number) => {
    onRects(rects.filter((_, k) => k !== i));
    setSelected(null);
  };
  const onKey = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (!img) return;
    if (selected === null || !rects[selected]) {
      if (e.key === 'Enter') {
        e.preventDefault();
        add(defaultRect(img.naturalWidth, img.naturalHeight));
      }
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove(selected);
      return;
    }
    const next = applyKey(rects[selected], e.key, { shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey }, img.naturalWidth, img.naturalHeight);
    if (!next) return;
    e.preventDefault();
    onRects(rects.map((r, k) => (k === selected ? next : r)));
  };

  return (
    <figure className="blur-editor">
      <canvas
        ref={canvasRef}
        className="blur-canvas"
        tabIndex={0}
        // Keys drive the editor here (arrows move an area), so the screen reader passes them on.
        role="application"
        aria-label={t('post.blur.canvasLabel', { photo: label, count: rects.length })}
        aria-describedby={helpId}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = at(e);
          setDrag({ from: p, to: p });
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, to: at(e) })}
        onPointerUp={(e) => {
          if (!drag || !img) return;
          const to = at(e);
          setDrag(null);
          if (Math.abs(to.x - drag.from.x) >= MIN_RECT && Math.abs(to.y - drag.from.y) >= MIN_RECT) add(rectFromDrag(drag.from, to, img.naturalWidth, img.naturalHeight));
        }}
      />
      <figcaption>
        <p id={helpId} className="hint">
          {t('post.blur.help')}
        </p>
        <div className="blur-actions">
          <button type="button" onClick={() => img && add(defaultRect(img.naturalWidth, img.naturalHeight))} disabled={!img}>
            {t('post.blur.add')}
          </button>
        </div>
        {rects.length > 0 && img && (
          <ol className="blur-areas" aria-label={t('post.blur.areas', { photo: label })}>
            {rects.map((r, i) => (
              <li key={i}>
                <button
                  type="button"
                  aria-pressed={i === selected}
                  onClick={() => {
                    setSelected(i);
                    canvasRef.current?.focus();
                  }}
                >
                  {t('post.blur.area', { n: i + 1, where: describeRect(r, img.naturalWidth, img.naturalHeight) })}
                </button>{' '}
                <button type="button" onClick={() => remove(i)} aria-label={t('post.blur.removeArea', { n: i + 1 })}>
                  {t('post.blur.remove')}
                </button>
              </li>
            ))}
          </ol>
        )}
      </figcaption>
    </figure>
  );
}
