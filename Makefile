# agentd — make run | make test | make build | make bench | make install
.DEFAULT_GOAL := help
SHELL := /bin/bash

# A JDK >= 25 (the code is compiled for Java 25), found the same way bin/agentd finds one
JDK := $(shell scripts/find-jdk javac 2>/dev/null)
export JAVA_HOME := $(JDK)
# Maven's own libraries use sun.misc.Unsafe, which JDK 25 warns about at every start
export MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow
MVN := mvn -B -q
JAR := target/agentd.jar
# bin/agentd serves a copy of the jar that changes only with its content, next to its JDK AOT cache
RUN_JAR := target/run/agentd.jar
AOT := target/run/agentd.aot

.PHONY: help check-jdk build run test bench install clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

check-jdk:
	@[ -n "$(JDK)" ] || scripts/find-jdk javac >/dev/null

build: check-jdk ## build target/agentd.jar (one runnable jar)
	$(MVN) package -DskipTests

run: build ## build and serve on the built-in model, SQLite in ./data (Ctrl-C stops it)
	@scripts/stage-jar $(JAR) $(RUN_JAR)
	@[ $(AOT) -nt $(RUN_JAR) ] || scripts/aot-train $(RUN_JAR) $(AOT) || rm -f $(AOT)
	@scripts/foreground bin/agentd serve $(ARGS)

test: check-jdk ## run every test (unit and HTTP tests, then the packaged jar's process tests); the bench still compiles
	mvn -B verify
	mvn -B -q -Pbench test-compile

install: check-jdk ## put dev.agentd:agentd into the local Maven repository, for projects that embed it
	$(MVN) install -DskipTests -Dinvoker.skip

bench: build ## measure speed against this machine's limits; writes docs/BENCHMARKS.md
	bench/run

clean:
	$(MVN) clean
