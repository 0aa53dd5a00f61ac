"""Which Page object handles each step of ``portal.apply.journey.steps.STEPS``."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.apply.pages import about, final, household, money, supporters
from portal.apply.pages.base import Page, make_form


class DocumentsPage(Page):
    """Lists what to upload; the uploads themselves post to their own route."""

    template = "apply/documents.html"
    button = _l("Continue")

    def form_class(self, ctx):
        return make_form("DocumentsForm", {})

    def dump(self, form, ctx):
        return {}


PAGES: dict[str, Page] = {
    "name": about.NamePage(),
    "phone": about.PhonePage(),
    "address": about.AddressPage(),
    "hukou": about.HukouPage(),
    "hukou-shenzhen": about.HukouShenzhenPage(),
    "hukou-elsewhere": about.HukouElsewherePage(),
    "marital": about.MaritalPage(),
    "permit": about.PermitPage(),
    "permit-details": about.PermitDetailsPage(),
    "where": about.WherePage(),
    "member": household.MemberPage(),
    "member-details": household.MemberDetailsPage(),
    "member-disability": household.MemberDisabilityPage(),
    "household": household.HouseholdPage(),
    "income-sources": money.IncomeSourcesPage(),
    "income-amounts": money.IncomeAmountsPage(),
    "savings": money.SavingsPage(),
    "property": money.PropertyPage(),
    "vehicles": money.VehiclesPage(),
    "homes": money.HomesPage(),
    "businesses": money.BusinessesPage(),
    "costs": money.CostsPage(),
    "cost-amounts": money.CostAmountsPage(),
    "situation": money.SituationPage(),
    "emergency": money.EmergencyPage(),
    "emergency-help": money.EmergencyHelpPage(),
    "types": final.TypesPage(),
    "supporters": supporters.SupportersPage(),
    "member-unemployed": household.MemberUnemployedPage(),
    "clergy": household.ClergyPage(),
    "supporter-details": supporters.SupporterDetailsPage(),
    "housing-kind": money.HousingKindPage(),
    "documents": DocumentsPage(),
    "payment": final.PaymentPage(),
    "declarations": final.DeclarationsPage(),
}
