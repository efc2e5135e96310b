# The release image: the static binary goreleaser built (dockers_v2 puts each
# platform's binary under $TARGETPLATFORM/ in the build context) on
# distroless/static, which has no shell or package manager but does have
# CA certificates, /etc/passwd and a non-root user.
#
#   docker run --rm -it -v iamlab:/home/nonroot ghcr.io/iamlab/iamlab
#
# Progress lives under IAMLAB_HOME; the volume keeps it between runs.
FROM gcr.io/distroless/static-debian12:nonroot
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/iamlab /usr/bin/iamlab
ENV IAMLAB_HOME=/home/nonroot/iamlab \
    TERM=xterm-256color
WORKDIR /home/nonroot
ENTRYPOINT ["/usr/bin/iamlab"]
