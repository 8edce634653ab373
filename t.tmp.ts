import ELK from 'elkjs/lib/elk.bundled.js';
const elk = new ELK();
const SP = { 'elk.layered.spacing.nodeNodeBetweenLayers': '200', 'elk.spacing.nodeNode': '36', 'elk.direction': 'RIGHT' };
async function run(extra: Record<string,string>, rootExtra: Record<string,string> = {}) {
  const children = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, width: 208, height: 64 }));
  const g = { id: 'root', layoutOptions: { ...SP, 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', ...rootExtra }, children: [{ id: 'acct', layoutOptions: { ...SP, 'elk.padding': '[top=64,left=20,bottom=20,right=20]', ...extra }, children }, { id: 'acct2', width: 380, height: 170 }], edges: [{ id: 'e', sources: ['n1'], targets: ['n2'] }] };
  const r = await elk.layout(g as never);
  const a = r.children![0]!;
  const xs = new Set(a.children!.map((c) => c.x));
  console.log(JSON.stringify(extra), JSON.stringify(rootExtra), 'acct', a.width, a.height, 'columns', xs.size);
}
await run({});
await run({ 'elk.separateConnectedComponents': 'true', 'elk.aspectRatio': '1.5' });
await run({ 'elk.aspectRatio': '1.5' }, { 'elk.separateConnectedComponents': 'true' });
await run({ 'elk.layered.wrapping.strategy': 'SINGLE_EDGE', 'elk.aspectRatio': '1.5' });
await run({}, { 'elk.hierarchyHandling': 'SEPARATE_CHILDREN' });
await run({ 'elk.separateConnectedComponents': 'true', 'elk.aspectRatio': '1.5' }, { 'elk.hierarchyHandling': 'SEPARATE_CHILDREN' });
