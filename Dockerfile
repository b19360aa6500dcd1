# Multi-stage build: compile in the Rust image, run in a small Debian image as a non-root user.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p guichet -p guichet-verifier --bins

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /var/lib/guichet --create-home guichet
WORKDIR /var/lib/guichet
COPY --from=build /src/target/release/guichet /src/target/release/guichet-verify /usr/local/bin/
COPY --from=build /src/fixtures /usr/share/guichet/fixtures
USER guichet
ENV GUICHET_BIND=0.0.0.0:8080 \
    GUICHET_DATA_DIR=/var/lib/guichet/data
# The development CA and sample register are for trying it out: mount a guichet.toml naming
# real trusted CAs for anything else.
RUN printf 'trusted_cas = ["/usr/share/guichet/fixtures/dev-ca/ca.pem"]\nregister_fixture = "/usr/share/guichet/fixtures/register/people.json"\n' > guichet.toml
EXPOSE 8080
ENTRYPOINT ["guichet"]
CMD ["serve"]
