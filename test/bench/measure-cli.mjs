// Runs the CLI in this process as bin/jixiao.js does, then prints (as the last line of stdout) its
// exit code, wall time, CPU time and the process's peak resident memory, worker threads included:
//   node test/bench/measure-cli.mjs check <files…> --no-db -q
import { loadMain } from '../../bin/compiled.js';

const started = performance.now();
const main = await loadMain();
const code = await main(process.argv.slice(2));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
process.stdout.write(`\n${JSON.stringify({ code, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
