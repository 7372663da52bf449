from registry import migrations


def test_healthz_reports_database_postgis_and_revision(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["database"] is True
    assert body["postgis_version"].startswith("3.")
    assert body["migration_revision"] == migrations.head_revision()
    assert body["ok"] is True
