"""Optional two-factor login for staff (django-otp, TOTP): set up on one's own, then required at every login."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


@pytest.fixture(autouse=True)
def no_throttle_waits(settings):
    # django-otp slows down guessing: after a wrong code, the next is refused for a while.
    # test_guessing_codes_is_slowed_down checks that; the other tests need no waiting.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def staff(db):
    return UserFactory(username="nurse", is_staff=True, password=PASSWORD)


def log_in(client, **extra):
    return client.post(reverse("admin:login"), {"username": "nurse", "password": PASSWORD, **extra})


def test_staff_without_two_factor_log_in_with_their_password(client, staff):
    assert log_in(client).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_with_two_factor_need_a_valid_code(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    response = log_in(client)
    assert response.status_code == 200 and "the 6 digits your authenticator app shows" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    assert log_in(client, otp_token="000000" if code(device) != "000000" else "111111").status_code == 200
    assert log_in(client, otp_token=code(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_session_without_the_second_factor_does_not_open_the_admin(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client.force_login(staff)  # password only, as a stolen session cookie from before set-up would be
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_set_up_and_turn_off_two_factor_themselves(client, staff):
    client.force_login(staff)
    url = reverse("admin:two_factor")
    assert "Two-factor login is off" in client.get(url).content.decode()
    client.post(url, {"action": "start"})
    page = client.get(url).content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert 'src="data:image/svg+xml;base64,' in page and re.search(r"<code>[A-Z2-7]{32,}</code>", page)

    response = client.post(url, {"action": "confirm", "token": "12345"}, follow=True)
    assert "That code is not right" in response.content.decode()
    response = client.post(url, {"action": "confirm", "token": code(device)}, follow=True)
    assert "Two-factor login is on" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 200  # verified in this session

    device.refresh_from_db()
    device.last_t = -1  # allow the same time step once more in this test
    device.save()
    response = client.post(url, {"action": "turn_off", "token": code(device)}, follow=True)
    assert "Two-factor login is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_guessing_codes_is_slowed_down(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 10
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    wrong = "000000" if code(device) != "000000" else "111111"
    assert log_in(client, otp_token=wrong).status_code == 200
    response = log_in(client, otp_token=code(device))  # right, but too soon after a wrong one
    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_nobody_can_plant_a_secret_for_the_owner_to_confirm(client, staff):
    from django.test import Client

    attacker = Client()
    attacker.force_login(staff)  # knows the password, but not the phone
    attacker.post(reverse("admin:two_factor"), {"action": "start"})
    planted = TOTPDevice.objects.get(user=staff)

    client.force_login(staff)
    page = client.get(reverse("admin:two_factor")).content.decode()
    assert "Two-factor login is off" in page  # the owner is not shown the attacker's secret
    response = client.post(reverse("admin:two_factor"), {"action": "confirm", "token": code(planted)})
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    client.post(reverse("admin:two_factor"), {"action": "start"})
    assert not TOTPDevice.objects.filter(pk=planted.pk).exists()  # starting over discards it
    assert response.status_code == 200


def test_preview_needs_the_second_factor_too(client, staff, make_article, people):
    TOTPDevice.objects.create(user=people["writer"], name="phone", confirmed=True)
    article = make_article()
    client.force_login(people["writer"])  # password only
    response = client.get(reverse("articles:preview", args=[article.pk]))
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
