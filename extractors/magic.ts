// Magic numbers shared by the format sniffers of several extractors.
export const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const startsWith = (bytes: Buffer, magic: Buffer): boolean => bytes.subarray(0, magic.length).equals(magic);

/** The start of a ZIP as text: part names are stored uncompressed in local headers (bounded scan, no unzipping). */
export function zipHead(bytes: Buffer): string | null {
  if (!startsWith(bytes, ZIP)) return null;
  return bytes.subarray(0, Math.min(bytes.length, 1 << 20)).toString('latin1');
}
