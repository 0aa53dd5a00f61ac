"""The portal's stable codes, each defined once: assistance types, deciding authorities, bases of
jurisdiction and roles.

Pure data (no Flask): the rules, the models and the pages all import these. The words people
read for each code, in three languages, are in ``portal/vocabulary.py``; a test checks that
both cover the same codes. Codes are stored in the database and appear in audit events: rename
nothing; add.
"""
from __future__ import annotations

from enum import StrEnum


class AssistanceType(StrEnum):
    DIBAO = "dibao"                          # 最低生活保障 (S-DB)
    LOW_INCOME = "low_income"                # 低保边缘家庭 recognition (S-DB Art. 8 ¶2; S-DD 一(四))
    TEKUN = "tekun"                          # 特困人员 (S-TK)
    RIGID_EXPENDITURE = "rigid_expenditure"  # 刚性支出困难家庭 recognition (S-GX)
    TEMP_EMERGENCY = "temp_emergency"        # 急难型临时救助 (S-LS 二(二); S-YJ item 15)
    TEMP_EXPENDITURE = "temp_expenditure"    # 支出型临时救助 (S-LS 二(二); S-ZX Art. 48)
    MEDICAL = "medical"                      # 医疗救助 -> 医疗保障部门 (S-ZX Art. 30)
    EDUCATION = "education"                  # 教育救助 -> school / 教育局 (S-ZX Art. 36)
    HOUSING = "housing"                      # 住房救助 -> 住建 / 住房保障部门 (S-ZX Art. 40)
    EMPLOYMENT = "employment"                # 就业救助 -> 公共就业服务机构 (S-ZX Art. 44)
    DISASTER = "disaster"                    # 受灾人员救助 -> 应急管理


# In the order shown to people.
ASSISTANCE_TYPES: tuple[str, ...] = tuple(t.value for t in AssistanceType)


class Authority(StrEnum):
    """Who decides a request (portal/domain/jurisdiction.py routes each to one)."""

    CIVIL_AFFAIRS = "civil_affairs_district"          # 区民政局
    STREET_OFFICE = "street_office"                   # 街道办事处 (delegated decisions, 先行救助)
    MEDICAL_SECURITY = "medical_security_bureau"      # 医疗保障部门
    SCHOOL = "school_education_bureau"                # the school, under the education bureau
    HOUSING = "housing_bureau"                        # 住房保障部门 (住建)
    EMPLOYMENT = "public_employment_service"          # 公共就业服务机构 (人社)
    EMERGENCY_MANAGEMENT = "emergency_management"     # 应急管理
    ASSISTANCE_STATION = "assistance_station"         # 救助管理站


AUTHORITIES: tuple[str, ...] = tuple(a.value for a in Authority)


class Basis(StrEnum):
    """Why an office is the one that receives a request."""

    HUKOU = "hukou"                            # 户籍地
    RESIDENCE_PERMIT = "residence_permit"      # 居住证 in the place of residence
    INCIDENT_LOCATION = "incident_location"    # 急难发生地
    RESIDENCE = "residence"                    # where the resident lives in Shenzhen


BASES: tuple[str, ...] = tuple(b.value for b in Basis)


class Role(StrEnum):
    """Who acts: an account's role (``Account.role``) or the system (jobs, data matching)."""

    RESIDENT = "resident"
    ASSISTANT = "assistant"    # 社区协理员/社工: files on a resident's behalf, never decides
    CASEWORKER = "caseworker"  # 街道经办人
    REVIEWER = "reviewer"      # 区民政审核 (the county level)
    ADMIN = "admin"
    SYSTEM = "system"          # scheduled jobs and data-matching results; never an account

    @property
    def is_staff(self) -> bool:
        return self not in (Role.RESIDENT, Role.SYSTEM)


# Roles of staff accounts, in the order the administration pages list them.
STAFF_ROLES: tuple[str, ...] = (Role.ASSISTANT.value, Role.CASEWORKER.value, Role.REVIEWER.value, Role.ADMIN.value)
