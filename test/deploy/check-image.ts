// The Dockerfile against the commands that run it: the entry points and the desk file must be in
// the final image, at the path the commands name from its WORKDIR.

/** Problems of the image for these `node <main>` entry points and data files (repo paths). */
export function imageProblems(
  dockerfile: string,
  mains: readonly string[],
  dataFiles: readonly string[],
): string[] {
  const problems: string[] = [];
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1) ?? '';
  const build = stages.find((s) => /\bAS build\b/.test(s.split('\n')[0] ?? ''));
  if (build === undefined) {
    return ['Dockerfile: no build stage (FROM ... AS build)'];
  }
  if (stages.length < 2) {
    problems.push('Dockerfile: not multi-stage');
  }
  const workdir = /^WORKDIR (\S+)/m.exec(final)?.[1];
  if (workdir !== '/app') {
    problems.push(
      `Dockerfile: the final stage works in ${workdir ?? 'no WORKDIR'}, commands assume /app`,
    );
  }
  if (!/^COPY --from=build \/app \/app\s*$/m.test(final)) {
    problems.push('Dockerfile: the final stage does not copy the built /app');
  }
  // RUN lines, continuations joined.
  const runs = build
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.startsWith('RUN '));
  if (!runs.some((r) => r.includes('npm run build'))) {
    problems.push('Dockerfile: the build stage never runs npm run build');
  }
  const removed = runs.flatMap((r) =>
    [...r.matchAll(/rm -rf ([^&]+)/g)].flatMap((m) => (m[1] ?? '').trim().split(/\s+/)),
  );
  const gone = (path: string) => removed.some((pattern) => globPrefix(pattern).test(path));
  for (const path of [...mains, ...dataFiles]) {
    if (gone(path)) {
      problems.push(`Dockerfile: ${path} is deleted from the image (rm -rf)`);
    }
  }
  const cmd = /^CMD \["node", "([^"]+)"\]/m.exec(final)?.[1];
  if (cmd !== undefined && gone(cmd)) {
    problems.push(`Dockerfile: the default CMD ${cmd} is deleted from the image`);
  }
  return problems;
}

/** A path removed by `rm -rf <pattern>`: the pattern itself or anything under it. */
function globPrefix(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}(/|$)`);
}
