# Multi-stage: build with Maven on JDK 25, run on a JRE 25.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
COPY service/pom.xml service/
RUN mvn -B -ntp -q -f service/pom.xml dependency:go-offline
COPY migrations migrations
COPY api-spec api-spec
COPY service/src service/src
RUN mvn -B -ntp -q -DskipTests package

# Runs as an unprivileged user with a numeric id (Kubernetes' runAsNonRoot can only verify a
# number) and works on a read-only root filesystem: it writes only to /tmp (upload spool, Tomcat's
# work directory, the OpenBLAS natives that JavaCPP unpacks) and, unless CASCADE_ACCESS_BOOTSTRAPTOKEN
# is given, the generated bootstrap token in /var/lib/cascade; mount those two:
#   docker run --read-only --tmpfs /tmp -v cascade-secrets:/var/lib/cascade -p 8080:8080 \
#     -e SPRING_DATASOURCE_URL=jdbc:postgresql://db:5432/cascade \
#     -e SPRING_DATASOURCE_USERNAME=cascade -e SPRING_DATASOURCE_PASSWORD=... cascade
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 cascade \
    && useradd --system --uid 10001 --gid 10001 --home-dir /home/cascade --create-home cascade \
    && mkdir -p /var/lib/cascade && chown 10001:10001 /var/lib/cascade
WORKDIR /home/cascade
COPY --from=build /src/service/target/cascade.jar cascade.jar
USER 10001:10001
EXPOSE 8080
# The heap is 75% of the container's memory limit (deploy/ sets its own JVM options per pod);
# JavaCPP unpacks the OpenBLAS natives to /tmp/javacpp instead of ~/.javacpp on the read-only root.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"
# A container is reached from outside its loopback, so access control is on by default; the first
# start writes a bootstrap admin token to the file (mount /var/lib/cascade to keep it) unless
# CASCADE_ACCESS_BOOTSTRAPTOKEN gives one.
ENV SERVER_ADDRESS=0.0.0.0
ENV CASCADE_ACCESS_ENABLED=true
ENV CASCADE_ACCESS_BOOTSTRAPTOKENFILE=/var/lib/cascade/bootstrap-token
# A container always talks to a PostgreSQL server (SPRING_DATASOURCE_URL): never the embedded one,
# whose data would die with the container. Without the URL it stops at startup and says so.
ENV CASCADE_DB_EMBEDDED=false
# TCP check of the API port, or of the probe port of a worker-only container (CASCADE_PROBES_PORT).
# bash, not sh: the image's sh (dash) has no /dev/tcp, so `sh -c 'exec 3<>/dev/tcp/...'` always failed.
HEALTHCHECK --interval=10s --timeout=3s --retries=12 \
    CMD ["bash", "-c", "echo > /dev/tcp/127.0.0.1/${CASCADE_PROBES_PORT:-8080}"]
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "cascade.jar"]
