import { describe, expect, it } from 'vitest';
import { stripJpeg, stripPng, stripWebp } from './strip-metadata';

const jpegSegment = (marker: number, payload: string | Buffer) => {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
};

function pngChunk(type: string, data: string): Buffer {
  const body = Buffer.from(data, 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  // The CRC is not checked by the stripper; four bytes stand in for it.
  return Buffer.concat([len, Buffer.from(type, 'latin1'), body, Buffer.alloc(4, 7)]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

describe('photo metadata stripping', () => {
  it('drops a JPEG\'s Exif, XMP, IPTC and comments and keeps JFIF, the ICC profile, tables and the scan as they were', () => {
    const scan = Buffer.concat([jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])), Buffer.from([9, 8, 0xff, 0x00, 7, 0xff, 0xd9])]);
    const kept = [jpegSegment(0xe0, 'JFIF\0\x01\x02'), jpegSegment(0xe2, 'ICC_PROFILE\0\x01\x01data'), jpegSegment(0xdb, Buffer.alloc(65, 3))];
    const input = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      kept[0]!,
      jpegSegment(0xe1, 'Exif\0\0GPSLatitude'),
      jpegSegment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>'),
      kept[1]!,
      jpegSegment(0xed, 'Photoshop 3.0\0IPTC'),
      jpegSegment(0xe2, 'MPF\0other'),
      jpegSegment(0xfe, 'a comment'),
      kept[2]!,
      scan,
    ]);
    expect(stripJpeg(input)).toEqual(Buffer.concat([Buffer.from([0xff, 0xd8]), ...kept, scan]));
  });

  it('refuses a JPEG it cannot walk instead of passing it on unstripped', () => {
    expect(stripJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00, 1, 2]))).toBeNull();
    expect(stripJpeg(Buffer.from([0xff, 0xd8, 0x00, 0x00]))).toBeNull();
    expect(stripJpeg(Buffer.from([0x89, 0x50]))).toBeNull();
  });

  it('drops a PNG\'s eXIf and text chunks', () => {
    const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = pngChunk('IHDR', '0123456789abc');
    const idat = pngChunk('IDAT', 'pixels');
    const iend = pngChunk('IEND', '');
    const input = Buffer.concat([sig, ihdr, pngChunk('eXIf', 'MM\0*GPS'), pngChunk('iTXt', 'XML:com.adobe.xmp'), idat, pngChunk('tEXt', 'Author\0Ivan'), iend]);
    expect(stripPng(input)).toEqual(Buffer.concat([sig, ihdr, idat, iend]));
  });

  it('drops a WebP\'s EXIF and XMP chunks and clears their VP8X flags and the RIFF size', () => {
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08 | 0x04 | 0x10;
    const pic = riffChunk('VP8 ', Buffer.from('picture'));
    const body = Buffer.concat([riffChunk('VP8X', vp8x), pic, riffChunk('EXIF', Buffer.from('MM\0*GPS')), riffChunk('XMP ', Buffer.from('<x/>'))]);
    const head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length + 4, 4);
    head.write('WEBP', 8, 'latin1');
    const out = Buffer.from(stripWebp(Buffer.concat([head, body]))!);
    expect(out.includes(Buffer.from('GPS'))).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]).toBe(0x10);
    expect(out.subarray(-pic.length)).toEqual(pic);
  });
});
