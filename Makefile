# agentd — make run | make test | make build | make bench
.DEFAULT_GOAL := help
SHELL := /bin/bash

# A JDK >= 25 (the code is compiled for Java 25): JAVA_HOME when it is one, else Temurin 25 where Debian/Adoptium put it.
JDK := $(shell \
  for d in "$$JAVA_HOME" /usr/lib/jvm/temurin-2[5-9]* /usr/lib/jvm/java-2[5-9]-*; do \
    [ -n "$$d" ] && [ -x "$$d/bin/javac" ] || continue; \
    v=$$("$$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
    [ -n "$$v" ] && [ "$$v" -ge 25 ] 2>/dev/null && { echo "$$d"; break; }; \
  done)
export JAVA_HOME := $(JDK)
MVN := mvn -B -q
JAR := target/agentd.jar
# make run serves a copy of the jar that changes only with its content, next to its JDK AOT cache
RUN_JAR := target/run/agentd.jar
AOT := target/run/agentd.aot

.PHONY: help check-jdk build run test bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

check-jdk:
	@if [ -z "$(JDK)" ]; then \
	  echo "agentd needs a JDK 25 or newer: set JAVA_HOME to one, or install Temurin 25 under /usr/lib/jvm/temurin-25-jdk-amd64" >&2; \
	  exit 1; fi

build: check-jdk ## build target/agentd.jar (one runnable jar)
	$(MVN) package -DskipTests

run: build ## build and serve on the built-in model, SQLite in ./data
	@scripts/stage-jar $(JAR) $(RUN_JAR)
	@[ $(AOT) -nt $(RUN_JAR) ] || scripts/aot-train $(RUN_JAR) $(AOT) || rm -f $(AOT)
	$(JAVA_HOME)/bin/java $$([ -f $(AOT) ] && echo -XX:AOTCache=$(AOT)) -jar $(RUN_JAR) $(ARGS)

test: check-jdk ## run every test (unit and HTTP tests, then the packaged jar's process tests)
	mvn -B verify

bench: build ## measure speed against this machine's limits; writes docs/BENCHMARKS.md
	bench/run

clean:
	$(MVN) clean
