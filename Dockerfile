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

FROM eclipse-temurin:25-jre
RUN useradd --system --create-home cascade && mkdir -p /var/lib/cascade && chown cascade /var/lib/cascade
USER cascade
WORKDIR /home/cascade
COPY --from=build /src/service/target/cascade.jar cascade.jar
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="--enable-native-access=ALL-UNNAMED -XX:MaxRAMPercentage=75"
# A container is reached from outside its loopback, so access control is on by default; the first
# start writes a bootstrap admin token to the file (mount /var/lib/cascade to keep it).
ENV SERVER_ADDRESS=0.0.0.0 CASCADE_ACCESS_ENABLED=true \
    CASCADE_ACCESS_BOOTSTRAPTOKENFILE=/var/lib/cascade/bootstrap-token
HEALTHCHECK --interval=10s --timeout=3s --retries=12 CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "cascade.jar"]
