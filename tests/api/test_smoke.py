from __future__ import annotations

import httpx

from tests.conftest import SmallOrg, gql, login

HOME = """
query Home {
  me {
    login roles
    employee {
      id name
      position { name kind }
      unit { code name parent { name } }
      record { nipFormatted asnType golongan pangkat gender status }
      assessor { basis actingKind employee { name position { name } unit { name } } }
      assessorsAssessor { basis actingKind employee { name position { name } unit { name } } }
    }
  }
}
"""


async def test_staff_home_shows_assessor_walking_up_over_a_vacancy(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    response = await login(client, "staf")
    assert response.status_code == 200, response.text
    body = await gql(client, HOME)
    assert "errors" not in body, body
    me = body["data"]["me"]
    assert me["login"] == "staf"
    employee = me["employee"]
    assert employee["name"] == "Pegawai Staf"
    assert employee["record"]["pangkat"] == "Penata"
    # KASI is vacant: the Kabid rates, and the Kadis is the Atasan Pejabat Penilai.
    assert employee["assessor"]["employee"]["name"] == "Pegawai Kabid"
    assert employee["assessor"]["basis"] == "NEXT_FILLED_POSITION"
    assert employee["assessorsAssessor"]["employee"]["name"] == "Pegawai Kadis"
