// seek-bzip ships no types: only the whole-buffer decoder is used (bench peer).
declare module 'seek-bzip' {
  const Bunzip: { decode(input: Uint8Array, output?: undefined, multistream?: boolean): Buffer };
  export default Bunzip;
}
