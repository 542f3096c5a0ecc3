// Loaded with NODE_OPTIONS=--require by bench:profile (node refuses --cpu-prof in NODE_OPTIONS): profiles
// the process from start to exit with the in-process inspector, whose calls are synchronous, so the
// profile can be written from the 'exit' handler. WARROOM_CPU_PROFILE_DIR says where.
const { writeFileSync } = require("node:fs");
const inspector = require("node:inspector");
const path = require("node:path");

const dir = process.env.WARROOM_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (!error) writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
