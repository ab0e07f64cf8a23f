/**
 * Renders an SVG file outside a browser, with librsvg (`rsvg-convert`, Debian librsvg2-bin) or
 * ImageMagick's own renderer (`convert MSVG:`, Debian imagemagick), and reads the pixels back.
 * Both tools are required (scripts/ensure-chromium.sh installs them): a missing one throws.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const checked = new Set<string>();
function tool(name: 'rsvg-convert' | 'convert' | 'identify'): string {
  if (checked.has(name)) return name;
  try {
    const version = execFileSync(name, [name === 'rsvg-convert' ? '--version' : '-version'], { stdio: 'pipe' }).toString();
    if (name !== 'rsvg-convert' && !version.includes('ImageMagick')) throw new Error('not ImageMagick');
  } catch {
    throw new Error(`${name} is not installed: run scripts/ensure-chromium.sh (it installs librsvg2-bin and imagemagick).`);
  }
  checked.add(name);
  return name;
}

export interface Gray { width: number; height: number; at: (x: number, y: number) => number }

/** Renders `svg` with one renderer and reads the PNG back as 8-bit grey levels (via ImageMagick). */
export function renderWith(renderer: 'rsvg' | 'imagemagick', svg: string, name: string, scale = 1): Gray {
  const dir = mkdtempSync(join(tmpdir(), 'svg-render-'));
  const input = join(dir, `${name}.svg`);
  const png = join(dir, `${name}-${renderer}.png`);
  writeFileSync(input, svg);
  if (renderer === 'rsvg') execFileSync(tool('rsvg-convert'), ['-b', 'white', '-o', png, input]);
  else execFileSync(tool('convert'), [`MSVG:${input}`, png]);
  const scaled = join(dir, `${name}-${renderer}-scaled.png`);
  // Box-averaged down-scaling: the renderers' fonts differ, the marks must not.
  execFileSync(tool('convert'), [png, '-background', 'white', '-flatten', '-filter', 'box', '-resize', `${scale * 100}%`, scaled]);
  const [width, height] = execFileSync(tool('identify'), ['-format', '%w %h', scaled]).toString().split(' ').map(Number) as [number, number];
  const raw = execFileSync(tool('convert'), [scaled, '-colorspace', 'Gray', '-depth', '8', 'gray:-'], { maxBuffer: 1 << 28 });
  rmSync(dir, { recursive: true, force: true });
  return { width, height, at: (x, y) => raw[y * width + x]! };
}

/** Share of pixels darker than mid-grey in the rectangle [x0, x1) × [y0, y1). */
export function darkShare(img: Gray, x0: number, x1: number, y0: number, y1: number): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      all++;
      if (img.at(x, y) < 128) dark++;
    }
  }
  return dark / all;
}

/** Share of pixels whose grey levels differ by more than a quarter of the range. */
export function differentShare(a: Gray, b: Gray): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`the renderings differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  let diff = 0;
  for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) if (Math.abs(a.at(x, y) - b.at(x, y)) > 64) diff++;
  return diff / (a.width * a.height);
}
