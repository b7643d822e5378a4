#!/usr/bin/env python3
"""Generate the thumbnail set used by the "image download" experiment.

Writes www/images/img-01.png ... img-48.png (160x120, 8-bit RGB) and
www/images/manifest.json (name, bytes, width, height, sha256 per file).

Standard library only (zlib + struct): no Pillow, no numpy.  Output is
deterministic: every image is drawn from random.Random(seed) with a fixed seed,
and no timestamps or other metadata chunks are written.

Usage:  python3 tools/gen_images.py [--out DIR]
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
import json
import math
import random
import struct
import sys
import time
import zlib
from pathlib import Path

W, H = 160, 120
COUNT = 48
BASE_SEED = 20240601
MIN_BYTES = 9 * 1024      # aim a little above the 8 KB floor
MAX_BYTES = 58 * 1024     # and a little below the 60 KB ceiling

# --------------------------------------------------------------------------
# Tiny 5x7 bitmap font (digits only), one string of 5 bits per row.
# --------------------------------------------------------------------------
FONT = {
    "0": ["01110", "10001", "10011", "10101", "11001", "10001", "01110"],
    "1": ["00100", "01100", "00100", "00100", "00100", "00100", "01110"],
    "2": ["01110", "10001", "00001", "00010", "00100", "01000", "11111"],
    "3": ["11111", "00010", "00100", "00010", "00001", "10001", "01110"],
    "4": ["00010", "00110", "01010", "10010", "11111", "00010", "00010"],
    "5": ["11111", "10000", "11110", "00001", "00001", "10001", "01110"],
    "6": ["00110", "01000", "10000", "11110", "10001", "10001", "01110"],
    "7": ["11111", "00001", "00010", "00100", "01000", "01000", "01000"],
    "8": ["01110", "10001", "10001", "01110", "10001", "10001", "01110"],
    "9": ["01110", "10001", "10001", "01111", "00001", "00010", "01100"],
}


def clamp01(v: float) -> float:
    return 0.0 if v < 0.0 else 1.0 if v > 1.0 else v


def hsv(h: float, s: float, v: float) -> tuple[float, float, float]:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, clamp01(s), clamp01(v))
    return (r * 255.0, g * 255.0, b * 255.0)


def mix(a, b, t: float):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def ramp(stops, t: float):
    """Piecewise-linear colour ramp over a list of colours, t in [0,1]."""
    t = clamp01(t) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    return mix(stops[i], stops[i + 1], t - i)


# --------------------------------------------------------------------------
# Canvas: three flat float channels, anti-aliased drawing via signed distance.
# --------------------------------------------------------------------------
class Canvas:
    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.r = [0.0] * (w * h)
        self.g = [0.0] * (w * h)
        self.b = [0.0] * (w * h)

    def fill(self, fn):
        """fn(x, y) -> (r, g, b), evaluated at pixel centres."""
        w = self.w
        for y in range(self.h):
            fy = y + 0.5
            row = y * w
            for x in range(w):
                c = fn(x + 0.5, fy)
                i = row + x
                self.r[i], self.g[i], self.b[i] = c

    def blend(self, i: int, c, a: float):
        if a <= 0.0:
            return
        if a >= 1.0:
            self.r[i], self.g[i], self.b[i] = c
            return
        self.r[i] += (c[0] - self.r[i]) * a
        self.g[i] += (c[1] - self.g[i]) * a
        self.b[i] += (c[2] - self.b[i]) * a

    def sdf(self, x0, y0, x1, y1, dist, color, alpha=1.0):
        """Draw the shape {dist(x,y) <= 0} with 1px anti-aliased edges.

        color may be a tuple or a function (x, y) -> tuple.
        """
        x0 = max(0, int(math.floor(x0)) - 1)
        y0 = max(0, int(math.floor(y0)) - 1)
        x1 = min(self.w, int(math.ceil(x1)) + 1)
        y1 = min(self.h, int(math.ceil(y1)) + 1)
        const = not callable(color)
        for y in range(y0, y1):
            fy = y + 0.5
            row = y * self.w
            for x in range(x0, x1):
                fx = x + 0.5
                cov = 0.5 - dist(fx, fy)
                if cov <= 0.0:
                    continue
                if cov > 1.0:
                    cov = 1.0
                self.blend(row + x, color if const else color(fx, fy), cov * alpha)

    def circle(self, cx, cy, r, color, alpha=1.0):
        self.sdf(cx - r, cy - r, cx + r, cy + r,
                 lambda x, y: math.hypot(x - cx, y - cy) - r, color, alpha)

    def ring(self, cx, cy, r, width, color, alpha=1.0):
        hw = width / 2.0
        R = r + hw
        self.sdf(cx - R, cy - R, cx + R, cy + R,
                 lambda x, y: abs(math.hypot(x - cx, y - cy) - r) - hw, color, alpha)

    def round_rect(self, x0, y0, x1, y1, rad, color, alpha=1.0):
        cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
        hx, hy = (x1 - x0) / 2.0 - rad, (y1 - y0) / 2.0 - rad

        def d(x, y):
            qx = abs(x - cx) - hx
            qy = abs(y - cy) - hy
            out = math.hypot(max(qx, 0.0), max(qy, 0.0))
            return out + min(max(qx, qy), 0.0) - rad

        self.sdf(x0, y0, x1, y1, d, color, alpha)

    def polygon(self, pts, color, alpha=1.0, grow=0.0):
        """Convex polygon (any winding), anti-aliased via edge distances.

        grow > 0 expands the shape slightly so that adjacent polygons overlap
        instead of leaving a faint anti-aliased seam between them."""
        area = 0.0
        n = len(pts)
        for k in range(n):
            ax, ay = pts[k]
            bx, by = pts[(k + 1) % n]
            area += ax * by - bx * ay
        if area < 0:
            pts = pts[::-1]
        edges = []
        for k in range(n):
            ax, ay = pts[k]
            bx, by = pts[(k + 1) % n]
            ex, ey = bx - ax, by - ay
            ln = math.hypot(ex, ey) or 1.0
            # outward normal for counter-clockwise (in y-down: clockwise) order
            edges.append((ey / ln, -ex / ln, ax, ay))

        def d(x, y):
            m = -1e9
            for nx, ny, ax, ay in edges:
                v = (x - ax) * nx + (y - ay) * ny
                if v > m:
                    m = v
            return m - grow

        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        self.sdf(min(xs), min(ys), max(xs), max(ys), d, color, alpha)

    def grain(self, rng: random.Random, amount: float):
        """Monochrome film grain; also how image complexity (size) varies."""
        if amount <= 0:
            return
        r, g, b = self.r, self.g, self.b
        rnd = rng.random
        for i in range(self.w * self.h):
            n = (rnd() + rnd() - 1.0) * amount
            r[i] += n
            g[i] += n
            b[i] += n

    def vignette(self, strength=0.35):
        cx, cy = self.w / 2.0, self.h / 2.0
        norm = math.hypot(cx, cy)
        for y in range(self.h):
            for x in range(self.w):
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy) / norm
                f = 1.0 - strength * d * d
                i = y * self.w + x
                self.r[i] *= f
                self.g[i] *= f
                self.b[i] *= f

    def to_rows(self) -> list[bytes]:
        rows = []
        w = self.w
        for y in range(self.h):
            out = bytearray(w * 3)
            o = 0
            for i in range(y * w, y * w + w):
                for v in (self.r[i], self.g[i], self.b[i]):
                    v = int(v + 0.5)
                    out[o] = 0 if v < 0 else 255 if v > 255 else v
                    o += 1
            rows.append(bytes(out))
        return rows


# --------------------------------------------------------------------------
# PNG encoder (8-bit RGB, adaptive per-row filters, no ancillary chunks).
# --------------------------------------------------------------------------
def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _filter_rows(rows: list[bytes], bpp: int = 3) -> bytes:
    """Pick, per row, the filter with the smallest sum of |signed bytes|
    (the heuristic recommended by the PNG spec)."""
    out = bytearray()
    prev = bytes(len(rows[0]))
    for cur in rows:
        n = len(cur)
        cands = [(0, cur)]
        sub = bytearray(n)
        up = bytearray(n)
        avg = bytearray(n)
        pae = bytearray(n)
        for i in range(n):
            a = cur[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            x = cur[i]
            sub[i] = (x - a) & 0xFF
            up[i] = (x - b) & 0xFF
            avg[i] = (x - ((a + b) >> 1)) & 0xFF
            pae[i] = (x - _paeth(a, b, c)) & 0xFF
        cands += [(1, sub), (2, up), (3, avg), (4, pae)]
        best = min(cands, key=lambda fc: sum(v if v < 128 else 256 - v for v in fc[1]))
        out.append(best[0])
        out += best[1]
        prev = cur
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def encode_png(rows: list[bytes], w: int, h: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit, truecolour RGB
    idat = zlib.compress(_filter_rows(rows), 9)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))


# --------------------------------------------------------------------------
# Palettes and scenes.
# --------------------------------------------------------------------------
def make_palette(rng: random.Random, hue: float) -> list:
    """Five related colours: dark, mid, accent, light, complement."""
    s = 0.55 + 0.3 * rng.random()
    spread = 0.06 + 0.08 * rng.random()
    return [
        hsv(hue - spread, s + 0.1, 0.22 + 0.08 * rng.random()),
        hsv(hue, s, 0.55 + 0.1 * rng.random()),
        hsv(hue + spread, s + 0.15, 0.85 + 0.1 * rng.random()),
        hsv(hue + 2 * spread, s * 0.35, 0.97),
        hsv(hue + 0.5, s + 0.1, 0.9),
    ]


def scene_landscape(cv, rng, pal):
    sky = [pal[2], pal[3], mix(pal[4], pal[3], 0.5)]
    cv.fill(lambda x, y: ramp(sky, y / 80.0))
    sx, sy, sr = 30 + rng.random() * 100, 30 + rng.random() * 20, 12 + rng.random() * 8
    for k in range(6, 0, -1):
        cv.circle(sx, sy, sr + k * 4, pal[3], 0.10)
    cv.circle(sx, sy, sr, (255, 246, 220))
    keep_out = (sx, sy, sr + 6)
    layers = 4
    for L in range(layers):
        t = L / (layers - 1)
        col = mix(mix(pal[1], pal[3], 0.45), pal[0], t)
        base = 55 + L * 17
        ph = [rng.random() * 6.28 for _ in range(3)]
        fr = [0.02 + rng.random() * 0.02, 0.05 + rng.random() * 0.04, 0.13 + rng.random() * 0.05]
        am = [14 - L * 2, 6, 2]

        def height(x, ph=ph, fr=fr, am=am, base=base):
            return base - sum(a * math.sin(x * f + p) for a, f, p in zip(am, fr, ph))

        cv.sdf(0, base - 25, W, H, lambda x, y, hf=height: hf(x) - y, col)
    return keep_out


def scene_bubbles(cv, rng, pal):
    cx, cy = rng.random() * W, rng.random() * H
    cv.fill(lambda x, y: ramp([pal[1], pal[0]], math.hypot(x - cx, y - cy) / 170.0))
    for _ in range(22 + rng.randrange(12)):
        r = 5 + rng.random() * 22
        x, y = rng.random() * W, rng.random() * H
        c = ramp([pal[2], pal[4], pal[3]], rng.random())
        cv.circle(x, y, r, c, 0.35 + rng.random() * 0.3)
        cv.ring(x, y, r - 1, 1.5, pal[3], 0.5)
        cv.circle(x - r * 0.35, y - r * 0.35, r * 0.22, (255, 255, 255), 0.55)


def scene_stripes(cv, rng, pal):
    ang = rng.random() * math.pi
    ca, sa = math.cos(ang), math.sin(ang)
    period = 14 + rng.random() * 16
    cols = [pal[1], pal[2], pal[3], pal[4]]
    rng.shuffle(cols)

    def f(x, y):
        u = (x * ca + y * sa) / period
        k = math.floor(u)
        frac = u - k
        c0 = cols[int(k) % len(cols)]
        c1 = cols[int(k + 1) % len(cols)]
        edge = clamp01((frac - 1.0) * period + 0.5)  # 1px AA at stripe end
        return mix(c0, c1, edge)

    cv.fill(f)
    cv.vignette(0.45)


def scene_plasma(cv, rng, pal):
    a = [rng.random() * 6.28 for _ in range(4)]
    f = [0.03 + rng.random() * 0.05 for _ in range(4)]
    cx, cy = rng.random() * W, rng.random() * H
    stops = [pal[0], pal[1], pal[2], pal[3], pal[4], pal[0]]

    def g(x, y):
        v = (math.sin(x * f[0] + a[0]) + math.sin(y * f[1] + a[1])
             + math.sin((x + y) * f[2] + a[2])
             + math.sin(math.hypot(x - cx, y - cy) * f[3] + a[3]))
        return ramp(stops, (v + 4.0) / 8.0)

    cv.fill(g)


def scene_rings(cv, rng, pal):
    cx, cy = rng.random() * W, rng.random() * H
    c2x, c2y = rng.random() * W, rng.random() * H
    p1, p2 = 10 + rng.random() * 8, 12 + rng.random() * 10

    def g(x, y):
        a = math.sin(math.hypot(x - cx, y - cy) / p1 * math.pi) > 0
        b = math.sin(math.hypot(x - c2x, y - c2y) / p2 * math.pi) > 0
        base = ramp([pal[0], pal[1]], y / H)
        if a and b:
            return pal[3]
        if a:
            return pal[2]
        if b:
            return mix(pal[4], base, 0.3)
        return base

    cv.fill(g)


def scene_lowpoly(cv, rng, pal):
    stops = [pal[0], pal[1], pal[2], pal[4]]
    cv.fill(lambda x, y: ramp(stops, (x / W + y / H) / 2))
    step = 22
    cols, rows = W // step + 1, H // step + 1
    pts = [[(i * step + (rng.random() - 0.5) * step * 0.7 if 0 < i < cols - 1 else i * step * (W / ((cols - 1) * step)),
             j * step + (rng.random() - 0.5) * step * 0.7 if 0 < j < rows - 1 else j * step * (H / ((rows - 1) * step)))
            for i in range(cols)] for j in range(rows)]
    ang = rng.random() * 6.28
    ca, sa = math.cos(ang), math.sin(ang)
    span = W * abs(ca) + H * abs(sa)
    for j in range(rows - 1):
        for i in range(cols - 1):
            a, b, c, d = pts[j][i], pts[j][i + 1], pts[j + 1][i + 1], pts[j + 1][i]
            tris = [(a, b, c), (a, c, d)] if rng.random() < 0.5 else [(a, b, d), (b, c, d)]
            for tri in tris:
                mx = sum(p[0] for p in tri) / 3
                my = sum(p[1] for p in tri) / 3
                # position along a random direction, normalised to [0,1]
                t = clamp01(((mx - W / 2) * ca + (my - H / 2) * sa) / span + 0.5
                            + (rng.random() - 0.5) * 0.2)
                shade = 0.82 + rng.random() * 0.3   # faceted light variation
                c = ramp(stops, t)
                cv.polygon(list(tri), (c[0] * shade, c[1] * shade, c[2] * shade), grow=0.6)


def scene_night(cv, rng, pal):
    top = mix(pal[0], (5, 5, 20), 0.6)
    cv.fill(lambda x, y: ramp([top, pal[0], pal[1]], y / H))
    for _ in range(90):
        x, y = rng.random() * W, rng.random() * H * 0.75
        cv.circle(x, y, 0.5 + rng.random() * 0.9, (255, 255, 235), 0.5 + rng.random() * 0.5)
    mx, my, mr = 25 + rng.random() * 110, 20 + rng.random() * 20, 12
    for k in range(5, 0, -1):
        cv.circle(mx, my, mr + k * 3, pal[3], 0.06)
    # crescent moon: the moon disc minus an offset disc
    cv.sdf(mx - mr, my - mr, mx + mr, my + mr,
           lambda x, y: max(math.hypot(x - mx, y - my) - mr,
                            mr - 1 - math.hypot(x - mx - 6, y - my + 4)),
           (250, 245, 225))
    keep_out = (mx, my, mr + 6)
    ph = rng.random() * 6.28
    cv.sdf(0, 70, W, H, lambda x, y: 95 - 10 * math.sin(x / 23 + ph) - 4 * math.sin(x / 7 + ph * 2) - y,
           mix(pal[0], (0, 0, 0), 0.55))
    return keep_out


def scene_truchet(cv, rng, pal):
    cv.fill(lambda x, y: ramp([pal[0], pal[1]], (x + y) / (W + H)))
    s = 20
    lw = 4 + rng.random() * 3
    col = [pal[2], pal[3], pal[4]]
    for ty in range(H // s):
        for tx in range(W // s):
            x0, y0 = tx * s, ty * s
            flip = rng.random() < 0.5
            c = col[(tx + ty) % 3]
            if flip:
                centres = [(x0, y0), (x0 + s, y0 + s)]
            else:
                centres = [(x0 + s, y0), (x0, y0 + s)]
            for cx, cy in centres:
                def d(x, y, cx=cx, cy=cy, x0=x0, y0=y0):
                    if not (x0 <= x < x0 + s and y0 <= y < y0 + s):
                        return 1.0
                    return abs(math.hypot(x - cx, y - cy) - s / 2) - lw / 2
                cv.sdf(x0, y0, x0 + s - 1, y0 + s - 1, d, c)


def scene_sunburst(cv, rng, pal):
    cx, cy = 40 + rng.random() * 80, 30 + rng.random() * 60
    n = 12 + 2 * rng.randrange(8)
    rot = rng.random()

    def g(x, y):
        a = (math.atan2(y - cy, x - cx) / (2 * math.pi) + rot) * n
        k = int(math.floor(a)) % 2
        r = math.hypot(x - cx, y - cy)
        c = pal[1] if k else pal[2]
        return mix(c, pal[0], clamp01(r / 160))

    cv.fill(g)
    cv.circle(cx, cy, 20, pal[4])
    cv.ring(cx, cy, 24, 3, pal[3])
    return (cx, cy, 26)


def scene_waves(cv, rng, pal):
    cv.fill(lambda x, y: ramp([pal[3], pal[2]], y / 40))
    bands = 6
    for k in range(bands):
        t = k / (bands - 1)
        col = ramp([pal[4], pal[1], pal[0]], t)
        base = 30 + k * 16
        amp = 4 + rng.random() * 5
        fr = 0.04 + rng.random() * 0.05
        ph = rng.random() * 6.28
        cv.sdf(0, base - amp - 2, W, H,
               lambda x, y, b=base, a=amp, f=fr, p=ph: b + a * math.sin(x * f + p) - y,
               lambda x, y, c=col, b=base: mix(c, (255, 255, 255), clamp01(0.25 - (y - b) / 60)))


SCENES = [scene_landscape, scene_bubbles, scene_stripes, scene_plasma, scene_rings,
          scene_lowpoly, scene_night, scene_truchet, scene_sunburst, scene_waves]


def draw_number(cv: Canvas, n: int, rng: random.Random, keep_out=None):
    """Draw the zero-padded index in a dark rounded badge.

    keep_out: optional (x, y, r) circle (a sun, moon...) the badge avoids."""
    text = f"{n:02d}"
    scale = 5
    gap = 1
    tw = (len(text) * 5 + (len(text) - 1) * gap) * scale
    th = 7 * scale
    pad = 7
    # badge position: one of a few spots, always fully inside the image
    spots = [((W - tw) / 2, (H - th) / 2), (10 + pad, 10 + pad),
             (W - tw - 10 - pad, H - th - 10 - pad)]
    start = rng.randrange(len(spots))
    best = spots[start]
    if keep_out is not None:
        kx, ky, kr = keep_out
        # extra candidates: the other two corners
        spots += [(W - tw - 10 - pad, 10 + pad), (10 + pad, H - th - 10 - pad)]
        order = spots[start:3] + spots[:start] + spots[3:]

        def clearance(spot):
            # gap between the badge rectangle and the keep-out circle
            dx = max(spot[0] - pad - kx, 0.0, kx - (spot[0] + tw + pad))
            dy = max(spot[1] - pad - ky, 0.0, ky - (spot[1] + th + pad))
            return math.hypot(dx, dy) - kr

        clear = [sp for sp in order if clearance(sp) > 0]
        best = clear[0] if clear else max(order, key=clearance)
    ox, oy = int(best[0]), int(best[1])
    cv.round_rect(ox - pad + 2, oy - pad + 3, ox + tw + pad + 2, oy + th + pad + 3, 9, (0, 0, 0), 0.25)
    cv.round_rect(ox - pad, oy - pad, ox + tw + pad, oy + th + pad, 9, (18, 18, 28), 0.62)
    for ci, ch in enumerate(text):
        gx = ox + ci * (5 + gap) * scale
        for ry, bits in enumerate(FONT[ch]):
            for rx, bit in enumerate(bits):
                if bit != "1":
                    continue
                x0, y0 = gx + rx * scale, oy + ry * scale
                cv.round_rect(x0 + 1, y0 + 1, x0 + scale + 1, y0 + scale + 1, 0.8, (0, 0, 0), 0.6)
                cv.round_rect(x0, y0, x0 + scale, y0 + scale, 0.8, (255, 255, 255))


def render(n: int) -> bytes:
    """Render image number n (1-based) and return its PNG bytes."""
    rng = random.Random(BASE_SEED * 1000 + n)
    idx = n - 1
    hue = (idx * 0.618033988749895 + 0.07) % 1.0
    pal = make_palette(rng, hue)
    cv = Canvas(W, H)
    keep_out = SCENES[idx % len(SCENES)](cv, rng, pal)
    draw_number(cv, n, rng, keep_out)
    base = (cv.r[:], cv.g[:], cv.b[:])
    # Grain controls byte size: a per-image target amount, nudged until the
    # file lands inside [MIN_BYTES, MAX_BYTES].  Deterministic: fixed seeds.
    amount = max(0.0, rng.random() ** 1.5 * 22.0 - 2.0)
    for _ in range(40):
        cv.r, cv.g, cv.b = base[0][:], base[1][:], base[2][:]
        cv.grain(random.Random(BASE_SEED + n * 7919), amount)
        png = encode_png(cv.to_rows(), W, H)
        if len(png) < MIN_BYTES:
            amount = amount * 1.35 + 0.5
        elif len(png) > MAX_BYTES:
            amount *= 0.8
        else:
            return png
    raise RuntimeError(f"img {n}: could not reach size window (last {len(png)} bytes)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "www" / "images"),
                    help="output directory (default: www/images next to tools/)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    entries = []
    for n in range(1, COUNT + 1):
        name = f"img-{n:02d}.png"
        data = render(n)
        (out / name).write_bytes(data)
        entries.append({"name": name, "bytes": len(data), "width": W, "height": H,
                        "sha256": hashlib.sha256(data).hexdigest()})
    manifest = json.dumps({"images": entries}, indent=2) + "\n"
    (out / "manifest.json").write_text(manifest, encoding="utf-8", newline="\n")
    total = sum(e["bytes"] for e in entries)
    sizes = [e["bytes"] for e in entries]
    print(f"wrote {COUNT} images to {out}: total {total} bytes, "
          f"min {min(sizes)}, max {max(sizes)}, {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
