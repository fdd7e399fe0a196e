// piexifjs ships no types: the three functions the photo preparation uses (photo.ts).
declare module "piexifjs" {
  const piexif: {
    load(jpegDataUrl: string): Record<string, unknown>;
    dump(exif: Record<string, unknown>): string;
    insert(exifBytes: string, jpegDataUrl: string): string;
  };
  export default piexif;
}
