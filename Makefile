# Two commands for a newcomer: `make run` starts the app, `make test` sets up and runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# make run needs only what the app imports; make test and the tools add requirements-dev.txt.
RUN_STAMP := $(VENV)/.installed-run

.PHONY: setup run test test-fast validate lint format chromium screenshot clean web-assets \
	boundaries wheels bench bench-ingest ingest accept brief

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

$(RUN_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(RUN_STAMP)

setup: $(STAMP)

run: $(RUN_STAMP)
	$(BIN)/python -m streamlit run app.py $(ARGS)

# Our own rules first, then the reference Frictionless validator on every package we ship or test.
validate: $(STAMP)
	$(BIN)/python -m lib.validate --lint
	$(BIN)/python -m scripts.fetch_web_assets --check
	@for descriptor in data/datapackage.json tests/fixtures/*/data/datapackage.json; do \
	  $(BIN)/frictionless validate $$descriptor > $(VENV)/frictionless.log 2>&1 \
	    && echo "frictionless: $$descriptor VALID" \
	    || { cat $(VENV)/frictionless.log; echo "frictionless: $$descriptor INVALID"; exit 1; }; \
	done

web-assets: $(STAMP)
	$(BIN)/python -m scripts.fetch_web_assets

boundaries: $(STAMP)
	$(BIN)/python -m scripts.build_boundaries

bench: $(STAMP) chromium
	$(BIN)/python -m bench.ingest
	$(BIN)/python -m bench.export
	$(BIN)/python -m bench.run

bench-ingest: $(STAMP)
	$(BIN)/python -m bench.ingest

# make ingest FILE=story.txt PUBLISHED=2024-08-05 OUTLET=AP [OUT=drafts/story]: a draft to review.
ingest: $(STAMP)
	$(BIN)/python -m scripts.ingest "$(FILE)" $(if $(PUBLISHED),--published $(PUBLISHED)) \
	  --outlet "$(OUTLET)" --out "$(or $(OUT),drafts/$(basename $(notdir $(FILE))))"

# make accept DRAFT=drafts/story: merge the draft's accepted rows into data/, or change nothing.
accept: $(STAMP)
	$(BIN)/python -m scripts.ingest --accept "$(DRAFT)"

# make brief [OUT=brief.html] [PDF=brief.pdf] [ARGS="--sources cnn-000 --step 3"]: the briefing
# as one offline HTML file and its PDF (PDF= with nothing after it skips the PDF).
# OUT is shared with make ingest, so its default is given here, not globally.
PDF ?= brief.pdf
brief: $(STAMP)
	$(BIN)/python -m scripts.export_briefing --out "$(or $(OUT),brief.html)" $(if $(PDF),--pdf "$(PDF)") $(ARGS)

wheels: $(STAMP)
	$(BIN)/python -m scripts.check_wheels

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .

chromium:
	./scripts/ensure_chromium.sh

# Every test on two workers (pytest-xdist): each has its own Chromium and servers, and idle
# workers take tests from a busy one, so the long browser files do not finish alone.
test: $(STAMP) chromium validate lint
	$(BIN)/python -m pytest -n 2 --dist worksteal

# The unit, CLI and AppTest tests on two workers: no Chromium, no validate or lint, nothing slow.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow" -n 2

screenshot: $(STAMP) chromium
	$(BIN)/python -m scripts.screenshot static/screenshots/present --every-page --presented \
		--query present=1 --width 1920 --height 1080
	$(BIN)/python -m scripts.screenshot static/screenshots/briefing.png / --height 1100
	$(BIN)/python -m scripts.screenshot static/screenshots/briefing-present.png \
		'/?present=1&step=15' --height 1100
	$(BIN)/python -m scripts.screenshot static/screenshots/sources.png /sources \
		--hover 'mark[data-keys~="c000-saturday"]' --height 1100
	$(BIN)/python -m scripts.screenshot static/screenshots/map.png /map \
		--frame 'iframe[title="streamlit_folium.st_folium"]' --wait .sahel-marker \
		--click .sahel-place--agadez --height 1100
	$(BIN)/python -m scripts.screenshot static/screenshots/timeline.png /timeline \
		--wait '.js-plotly-plot .scatterlayer path.point' --height 1100
	$(BIN)/python -m scripts.screenshot static/screenshots/troops.png /troops \
		--wait '.js-plotly-plot .annotation' --height 1100

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
