// Generated inputs for the benchmark: an Earthfile and a Dockerfile of a given line count, built
// from a fixed pseudo-random sequence so every run measures the same text.

/** A small deterministic generator (mulberry32), so corpora are identical across runs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A target body: FROM, ARGs, RUN with continuations, COPY of artifacts, IF/FOR blocks, comments. It
 * refers to `prev`, the target defined before it, so the file is valid and its references resolve.
 */
function targetChunk(i: number, prev: string, r: () => number): string[] {
  const lines = [
    `# t${i} builds part ${i} of the project.`,
    `# It depends on ${prev}.`,
    `t${i}:`,
    r() < 0.5 ? `    FROM +${prev}` : `    FROM golang:1.22-alpine`,
    `    ARG VARIANT=release`,
    `    ARG --required TAG_${i}`,
    `    ENV CGO_ENABLED=0`,
    `    WORKDIR /src/part${i}`,
    `    COPY +${prev}/out/bin ./bin`,
    `    COPY (./lib+build/out --MODE=$VARIANT) ./lib`,
    `    COPY go.mod go.sum ./`,
    `    # Download modules first so they cache separately.`,
    `    RUN go mod download && \\`,
    `        go build -o /out/app-${i} \\`,
    `            -ldflags "-X main.version=$TAG_${i}" ./cmd/app`,
  ];
  if (r() < 0.5) {
    lines.push(
      `    IF [ "$VARIANT" = "debug" ]`,
      `        RUN echo "debug build" > /out/mode`,
      `    ELSE`,
      `        RUN echo "release build" > /out/mode`,
      `    END`,
    );
  } else {
    lines.push(`    FOR file IN $(ls /out)`, `        RUN sha256sum /out/$file >> /out/SUMS`, `    END`);
  }
  lines.push(
    `    DO +SETUP --LEVEL=${i % 3}`,
    `    BUILD +${prev} --VARIANT=$VARIANT`,
    `    SAVE ARTIFACT /out/app-${i} AS LOCAL build/app-${i}`,
    `    SAVE IMAGE --push registry.example.com/app/part${i}:$TAG_${i}`,
    ``,
  );
  return lines;
}

function functionChunk(i: number): string[] {
  return [
    `SETUP${i}:`,
    `    FUNCTION`,
    `    ARG LEVEL=1`,
    `    LET count = 0`,
    `    SET count = $LEVEL`,
    `    RUN apk add --no-cache git make \\`,
    `        curl ca-certificates`,
    ``,
  ];
}

/** An Earthfile of exactly `lineCount` lines. */
export function earthfileOf(lineCount: number): string {
  const r = random(42);
  const lines = [
    'VERSION 0.8',
    'IMPORT ./lib AS lib',
    'ARG --global REGISTRY=registry.example.com',
    'FROM alpine:3.20',
    '',
    'SETUP:',
    '    FUNCTION',
    '    ARG LEVEL=0',
    '    RUN echo "setup $LEVEL"',
    '',
    'base-image:',
    '    FROM alpine:3.20',
    '    RUN mkdir -p /out/bin',
    '    SAVE ARTIFACT /out/bin',
    '',
  ];
  let prev = 'base-image';
  for (let i = 0; lines.length < lineCount; i++) {
    if (i % 5 === 4) {
      lines.push(...functionChunk(i));
    } else {
      lines.push(...targetChunk(i, prev, r));
      prev = `t${i}`;
    }
  }
  return lines.slice(0, lineCount).join('\n') + '\n';
}

/** A multi-stage Dockerfile of exactly `lineCount` lines with a similar mix. */
export function dockerfileOf(lineCount: number): string {
  const lines = ['# syntax=docker/dockerfile:1', 'ARG REGISTRY=registry.example.com'];
  for (let i = 0; lines.length < lineCount; i++) {
    lines.push(
      `# Stage ${i} builds part ${i} of the project.`,
      `FROM golang:1.22-alpine AS stage${i}`,
      `ARG VARIANT=release`,
      `ARG TAG_${i}`,
      `ENV CGO_ENABLED=0`,
      `WORKDIR /src/part${i}`,
      `COPY --from=stage${Math.max(0, i - 1)} /out/bin ./bin`,
      `COPY go.mod go.sum ./`,
      `# Download modules first so they cache separately.`,
      `RUN go mod download && \\`,
      `    go build -o /out/app-${i} \\`,
      `        -ldflags "-X main.version=$TAG_${i}" ./cmd/app`,
      `RUN if [ "$VARIANT" = "debug" ]; then \\`,
      `        echo "debug build" > /out/mode; \\`,
      `    else echo "release build" > /out/mode; fi`,
      `RUN apk add --no-cache git make \\`,
      `    curl ca-certificates`,
      `LABEL org.example.part="${i}"`,
      `EXPOSE 80${i % 10}`,
      `CMD ["/out/app-${i}"]`,
      ``,
    );
  }
  return lines.slice(0, lineCount).join('\n') + '\n';
}
