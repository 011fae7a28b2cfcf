# xgbp in an image built FROM scratch: a static binary and one model, and
# nothing else; no shell, no libc, no package manager.
#
#	docker build -t xgbp-iris .
#	docker build --build-arg MODEL=path/to/model.json -t xgbp-mine .
#	docker run -i --rm xgbp-iris <examples/iris.csv
#
# Arguments after the image name are xgbp's: docker run -i xgbp-iris -H.
# MODEL is any model xgbp reads (JSON, UBJSON or binary, gzip or not), as
# a path inside this directory; it is /model.json in the image whatever
# its format.  tests/cli/deploy.bats runs this layout in an empty root.

FROM debian:bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
	gcc libc6-dev make zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./configure --enable-static && make clean && make

FROM scratch
ARG MODEL=examples/iris.json
COPY --from=build /src/cmd/xgbp /xgbp
COPY ${MODEL} /model.json
USER 65534:65534
ENTRYPOINT ["/xgbp", "-m", "/model.json"]
