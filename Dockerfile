# xgbp in an image built FROM scratch: a static binary and one model, and
# nothing else; no shell, no libc, no package manager.
#
#	docker build -t xgbp-iris .
#	docker build --build-arg MODEL=path/to/model.json -t xgbp-mine .
#	docker run --rm xgbp-iris -r 5.1,3.5,1.4,0.2
#	docker run -i --rm xgbp-iris <examples/iris.csv
#
# Arguments after the image name are xgbp's: docker run -i xgbp-iris -H.
# MODEL is any model xgbp reads (JSON, UBJSON or binary, gzip or not), as
# a path inside this directory; it is /model.json in the image whatever
# its format.
#
# The build stage links xgbp with musl against zlib built for musl from
# Debian's own source package, by build-aux/musl-deps (./configure
# --with-musl runs it), the one recipe `make image` and the tests use too.
# `make image` builds the binary with it on the host, then the FROM
# scratch stage below with podman; tests/ship/image.bats runs that
# image's root by chroot.

FROM debian:bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
	gcc libc6-dev make musl-tools dpkg-dev bzip2 xz-utils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./configure --with-musl && make clean && make cmd/xgbp

FROM scratch
ARG MODEL=examples/iris.json
COPY --from=build /src/cmd/xgbp /xgbp
COPY ${MODEL} /model.json
USER 65534:65534
ENTRYPOINT ["/xgbp", "-m", "/model.json"]
