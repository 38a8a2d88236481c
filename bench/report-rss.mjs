// Preloaded into each measured CLI process (NODE_OPTIONS=--import): reports its peak RSS in kB on fd 3.
import { writeSync } from "node:fs";

process.on("exit", () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    // fd 3 is not open when the process is not run by the benchmark
  }
});
