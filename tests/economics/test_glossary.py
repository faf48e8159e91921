"""Every key the model names has plain words: inputs, resources, adjustments and payers."""

from thrive.economics.core.glossary import parameter_label, payer_label, resource_label
from thrive.economics.core.scenario import PAYERS, load_scenario
from thrive.economics.core.unit_costs import default_unit_costs


def test_it_names_the_issue_examples_in_plain_words():
    assert resource_label("cmht_contact") == "CMHT contacts"
    assert parameter_label("adjustments.attribution") == (
        "How much of the change the service can claim (attribution)"
    )
    assert payer_label("nhs") == "NHS"
    assert resource_label("employment.benefits") == "Benefits no longer paid"


def test_it_names_an_effect_by_its_resource():
    resources = ["cmht_contact", "inpatient_bed_day"]
    assert parameter_label("effects[1].per_person", resources) == "CMHT contacts, change per person"
    assert parameter_label("effects[2]", resources) == "Adult inpatient bed-days"
    assert parameter_label("effects[9].per_person", resources) == (
        "Change 9 in service use, change per person"
    )


def test_it_names_a_resource_another_payer_meets():
    assert resource_label("cmht_contact (local_authority)") == (
        "CMHT contacts (Social care (local authority))"
    )


def test_every_shipped_unit_cost_and_payer_has_a_label_without_underscores():
    for name in default_unit_costs():
        assert "_" not in resource_label(name)
        assert "_" not in parameter_label(f"unit_costs.{name}")
    for payer in PAYERS:
        assert "_" not in payer_label(payer)


def test_every_input_of_the_shipped_scenarios_reads_without_a_key():
    for name in ("seven_participants", "service_year"):
        scenario = load_scenario(name)
        resources = [e.resource for e in scenario.effects]
        for key in scenario.parameters:
            label = parameter_label(key, resources)
            assert "_" not in label and "[" not in label and "." not in label, label
