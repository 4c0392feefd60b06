import { deflateSync, inflateSync, Inflate } from 'fflate';
const data = deflateSync(new Uint8Array(1_000_000));
console.log('compressed', data.length);
try { const out = inflateSync(data, { out: new Uint8Array(1000) }); console.log('out len', out.length); } catch (e) { console.log('err', String(e)); }
