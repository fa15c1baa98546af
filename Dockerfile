# cookieaudit with Debian's Chromium (its headless shell), run as a non-root user.
#
#   docker build -t cookieaudit --build-arg VERSION=$(git describe --always --dirty) .
#   docker run --rm --security-opt seccomp=deploy/kubernetes/seccomp/cookieaudit-chromium.json \
#     cookieaudit scan https://www.example.org/
#
# Chromium keeps its own sandbox: as a user other than root it needs user
# namespaces, which a container runtime's default seccomp profile refuses.
# The profile above allows them (see deploy/README.md); nothing here passes
# --no-sandbox.

ARG GO_VERSION=1.26
ARG DEBIAN_RELEASE=trixie

FROM golang:${GO_VERSION}-${DEBIAN_RELEASE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# A static binary: the runtime stage needs no Go and no C library of the
# build stage's version.
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
      -o /out/cookieaudit ./cmd/cookieaudit

FROM debian:${DEBIAN_RELEASE}-slim
# chromium-headless-shell: Debian's headless shell of Chromium (the same
# engine as the desktop build, without its windows and profile services; a
# scan costs it about a third of the desktop build's CPU), kept current by
# Debian's security updates.
# fonts-liberation: metric-compatible Arial, Times and Courier, so that pages
# lay out as on a desktop (slim images have no fonts at all).
# ca-certificates: for cookieaudit's own downloads (kb update).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium-headless-shell fonts-liberation ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 cookieaudit \
 && useradd --uid 10001 --gid 10001 --home-dir /home/cookieaudit --create-home \
      --shell /usr/sbin/nologin cookieaudit
COPY --from=build /out/cookieaudit /usr/local/bin/cookieaudit
ENV CHROME_PATH=/usr/bin/chromium-headless-shell \
    HOME=/home/cookieaudit \
    XDG_CACHE_HOME=/home/cookieaudit/.cache \
    XDG_CONFIG_HOME=/home/cookieaudit/.config
USER 10001:10001
WORKDIR /home/cookieaudit
ENTRYPOINT ["/usr/local/bin/cookieaudit"]
CMD ["--help"]
