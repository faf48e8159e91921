"""The builder's plain form and a scenario's TOML carry the same scenario, exactly."""

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from thrive.economics.core import builder
from thrive.economics.core.scenario import parse_scenario, toml_data
from thrive.economics.core.unit_costs import default_unit_costs

numbers = st.one_of(st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False))
words = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda t: t == t.strip() and t)


def quantities():
    shapes = [
        st.fixed_dictionaries({"dist": st.just(shape), **{p: numbers for p in parts}})
        for shape, parts in builder.SHAPE_PARTS.items()
        if shape != "fixed"
    ]
    return st.one_of(numbers, *shapes)


def optional(**entries):
    return st.fixed_dictionaries({}, optional=entries)


heads = st.fixed_dictionaries(
    {"name": words, "people": st.integers(1, 10**6)},
    optional={
        "currency": words,
        "price_year": words,
        "horizon_years": numbers,
        "discount_rate": numbers,
    },
)
staff_lines = st.fixed_dictionaries({"role": words, "fte": numbers, "annual_cost": numbers})
service_costs = st.one_of(
    st.fixed_dictionaries({"total": quantities()}),
    st.fixed_dictionaries(
        {"staff": st.lists(staff_lines, min_size=1, max_size=builder.STAFF_ROWS)},
        optional={"overheads": numbers},
    ),
)
effects = st.fixed_dictionaries(
    {"resource": st.sampled_from(sorted(default_unit_costs())), "per_person": quantities()},
    optional={"people": numbers, "note": words},
)
credits = optional(lcwra=st.booleans(), standard_allowance=numbers, housing_element=numbers)
job_credits = optional(lcwra=st.booleans(), housing_element=numbers)
jobs = st.tuples(
    st.sampled_from(["monthly_net", "monthly_gross"]),
    quantities(),
    optional(
        hours=numbers,
        start_month=st.integers(0, 11),
        off_benefits=st.booleans(),
        universal_credit=job_credits,
        note=words,
    ),
).map(lambda j: {j[0]: j[1], **{k: v for k, v in j[2].items() if v != {}}})
employment = st.one_of(
    st.fixed_dictionaries(
        {
            "jobs": st.lists(jobs, min_size=1, max_size=5),
            "benefit": st.sampled_from(["universal_credit", "none"]),
        },
        optional={"monthly_drop_off": quantities(), "universal_credit": credits},
    ),
    st.fixed_dictionaries(
        {
            "people": quantities(),
            "monthly_net": quantities(),
            "benefit": st.sampled_from(["universal_credit", "none"]),
        },
        optional={"hours": numbers, "monthly_drop_off": quantities(), "universal_credit": credits},
    ),
    st.fixed_dictionaries(
        {
            "people": quantities(),
            "monthly_gross": quantities(),
            "benefit": st.just("flat"),
            "weekly_amount": quantities(),
        }
    ),
).map(lambda e: {k: v for k, v in e.items() if v != {}})
own_costs = st.dictionaries(
    st.sampled_from(["cmht_care_year", "mental_health_admission"]),
    st.one_of(
        numbers,
        st.fixed_dictionaries(
            {"dist": st.just("pert"), "low": numbers, "mode": numbers, "high": numbers},
            optional={"unit": words, "source": words, "payer": st.just("nhs")},
        ),
    ),
    min_size=1,
)
keyed = st.fixed_dictionaries({"about": words, "text": words})
assumptions = st.tuples(
    st.lists(keyed, max_size=3), st.lists(st.fixed_dictionaries({"text": words}), max_size=3)
).map(lambda parts: [*parts[0], *parts[1]])
scenarios = st.fixed_dictionaries(
    {"scenario": heads, "service_cost": service_costs},
    optional={
        "effects": st.lists(effects, min_size=1, max_size=builder.EFFECT_ROWS),
        "unit_costs": own_costs,
        "employment": employment,
        "adjustments": optional(
            deadweight=quantities(),
            attribution=quantities(),
            displacement=quantities(),
            drop_off=quantities(),
            reviewed=st.just(False),
        ),
        "assumptions": assumptions,
    },
).map(lambda d: {k: v for k, v in d.items() if v not in ({}, [])})


@settings(max_examples=80, deadline=None)
@given(scenarios)
def test_toml_to_form_to_toml_is_exact(data):
    text = tomli_w.dumps(data)
    form = builder.data_to_form(toml_data(text))
    assert builder.form_to_data(form) == data
    assert toml_data(tomli_w.dumps(builder.form_to_data(form))) == data


@settings(max_examples=40, deadline=None)
@given(scenarios)
def test_form_to_toml_to_form_is_exact(data):
    form = builder.data_to_form(data)
    again = builder.data_to_form(toml_data(tomli_w.dumps(builder.form_to_data(form))))
    assert again == form


def test_the_worked_example_built_by_hand_runs():
    form = builder.starting_form()
    form.update(name="Seven", people="7", cost_mode="35880.0", cost_low="25000", cost_high="55000")
    form.update(effect0_resource="cmht_contact", effect0_people="6", effect0_change_mode="-24")
    form.update(effect0_change_low="-48", effect0_change_high="-12")
    scenario = parse_scenario(builder.checked(form))
    assert scenario.people == 7
    assert scenario.parameters["service_cost.total"].dist.kind == "pert"
    assert scenario.parameters["effects[1].per_person"].dist.params[:3] == (-48, -24, -12)


def test_it_reads_numbers_as_people_type_them():
    form = builder.starting_form()
    form.update(name="x", people="1,200", cost_shape="fixed", cost_value="\u2212250.5")
    data = builder.form_to_data(form)
    assert data["scenario"]["people"] == 1200
    assert data["service_cost"]["total"] == -250.5


def test_it_names_each_unusable_field():
    form = builder.starting_form()
    form.update(
        people="many", cost_mode="1", cost_low="", cost_high="3", effect0_resource="ae_attendance"
    )
    try:
        builder.form_to_data(form)
    except builder.BuildProblems as problems:
        found = problems.problems
    assert found == {
        "name": "Give the scenario a name.",
        "people": "Enter a number, such as 24 or 0.35.",
        "cost": "Enter lowest too.",
        "effect0_change": "Enter most likely.",
    }


def test_the_model_refusal_lands_on_its_field():
    form = builder.starting_form()
    form.update(name="x", people="5", cost_mode="9", cost_low="10", cost_high="20")
    try:
        builder.checked(form)
    except builder.BuildProblems as problems:
        found = problems.problems
    assert list(found) == ["cost"]
    assert found["cost"].startswith("Must lie between low and high")


def test_it_refuses_what_the_form_cannot_show_instead_of_dropping_it():
    data = {
        "scenario": {"name": "x", "people": 3},
        "service_cost": {"total": 1.0},
        "employment": {"jobs": [{"monthly_net": 900.0}], "tax": {"personal_allowance": 1.0}},
    }
    try:
        builder.data_to_form(data)
    except builder.NotBuildable as reason:
        assert "tax" in str(reason)
    else:
        raise AssertionError("a tax rule was dropped silently")


def test_it_keeps_the_scenarios_own_unit_costs_and_offers_their_services():
    data = {
        "scenario": {"name": "x", "people": 3},
        "service_cost": {"total": 1.0},
        "effects": [{"resource": "cmht_care_year", "per_person": -1.0}],
        "unit_costs": {"cmht_care_year": {"dist": "pert", "low": 1.0, "mode": 2.0, "high": 3.0}},
    }
    form = builder.data_to_form(data)
    assert builder.form_to_data(form) == data
    choices = next(
        dict(f.choices)
        for s in builder.sections(resources=builder.kept_resources(form))
        for f in s.fields
        if f.name == "effect0_resource"
    )
    assert "cmht_care_year" in choices


def test_each_job_is_a_row_of_its_own_with_room_for_more():
    job = {
        "monthly_gross": {"dist": "uniform", "low": 846.56, "high": 1026.13},
        "hours": 16.0,
        "off_benefits": True,
        "start_month": 3,
        "universal_credit": {"lcwra": True, "housing_element": 300.0},
    }
    data = {
        "scenario": {"name": "x", "people": 3},
        "service_cost": {"total": 1.0},
        "employment": {"benefit": "universal_credit", "jobs": [job]},
    }
    form = builder.data_to_form(data)
    assert form["job_rows"] == str(1 + builder.JOB_SPARE)
    assert (form["job0_pay_basis"], form["job0_pay_shape"], form["job0_pay_high"]) == (
        "gross",
        "uniform",
        "1026.13",
    )
    assert (form["job0_start_month"], form["job0_off_benefits"], form["job0_lcwra"]) == (
        "3",
        "yes",
        "yes",
    )
    assert form["job1_pay_value"] == form["job1_hours"] == ""
    form |= {"job1_pay_value": "1200", "job1_hours": "20", "job1_off_benefits": "no"}
    jobs = builder.form_to_data(form)["employment"]["jobs"]
    assert jobs == [job, {"monthly_net": 1200, "hours": 20, "off_benefits": False}]


def test_the_fullest_form_posts_fewer_fields_than_django_accepts(settings):
    assert len(builder.field_names(builder.MAX_JOBS)) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    too_many = {
        "scenario": {"name": "x", "people": 100},
        "service_cost": {"total": 1.0},
        "employment": {"jobs": [{"monthly_net": 900.0}] * (builder.MAX_JOBS + 1)},
    }
    try:
        builder.data_to_form(too_many)
    except builder.NotBuildable as reason:
        assert f"room for {builder.MAX_JOBS} jobs" in str(reason)
    else:
        raise AssertionError("jobs beyond the form's room were accepted")


def test_a_job_row_with_no_pay_is_named_and_a_group_with_jobs_is_refused():
    form = builder.data_to_form(
        {"scenario": {"name": "x", "people": 3}, "service_cost": {"total": 1.0}}
    ) | {"job0_hours": "20", "employment_people_value": "2", "pay_value": "900"}
    try:
        builder.form_to_data(form)
    except builder.BuildProblems as found:
        assert found.problems == {
            "job0_pay": "Enter value.",
            "employment_people": "Give either people who start paid work or each job, not both.",
        }
    else:
        raise AssertionError("a job with no pay was accepted")


def test_the_counterfactual_is_unreviewed_until_the_box_is_ticked():
    form = builder.starting_form() | {"name": "x", "people": "3", "cost_value": "1"}
    form["cost_shape"] = "fixed"
    assert "adjustments" not in builder.form_to_data(form)
    unticked = builder.form_to_data(form | {"reviewed": ""})
    assert unticked["adjustments"] == {"reviewed": False}
    assert builder.data_to_form(unticked)["reviewed"] == ""


def test_every_key_an_error_names_lands_on_a_field_of_the_form():
    names = set(builder.field_names())
    for key, field in {
        "scenario.people": "people",
        "service_cost": "cost",
        "service_cost.total.mode": "cost",
        "service_cost.staff[2].fte": "staff1_fte",
        "service_cost.staff[1]": "staff0_role",
        "employment.jobs[2].monthly_gross.low": "job1_pay",
        "employment.jobs[1].universal_credit.lcwra": "job0_lcwra",
        "employment.jobs[1].universal_credit.housing_element": "job0_housing_element",
        "employment.jobs[1].start_month": "job0_start_month",
        "employment.jobs": "job0_pay",
        "adjustments.reviewed": "reviewed",
        "effects[3].per_person.sd": "effect2_change",
        "effects[1].people": "effect0_people",
        "employment.monthly_gross": "pay",
        "adjustments.attribution.mean": "attribution",
    }.items():
        assert builder.field_for_key(key) == field
        assert field in names or f"{field}_shape" in names
