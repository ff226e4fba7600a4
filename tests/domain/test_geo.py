"""Great-circle distances, and the latitude/longitude box that holds a circle."""

import pytest

from lokisi.geo import EARTH_RADIUS_M, Box, bounding_box, haversine_m


def test_distances_are_great_circle_metres() -> None:
    paris, lyon = (48.8566, 2.3522), (45.7640, 4.8357)
    assert haversine_m(*paris, *lyon) == pytest.approx(391_500, rel=0.01)
    assert haversine_m(*paris, *paris) == 0
    # Across the 180th meridian, two points 0.2° apart on the equator are 22 km apart.
    assert haversine_m(0, 179.9, 0, -179.9) == pytest.approx(22_239, rel=0.01)


def test_the_antipode_is_half_the_earth_around() -> None:
    assert haversine_m(0, 0, 0, 180) == pytest.approx(EARTH_RADIUS_M * 3.14159, rel=1e-5)


def inside(box: Box, latitude: float, longitude: float) -> bool:
    low, high = box.latitudes
    return low <= latitude <= high and (
        not box.longitudes or any(west <= longitude <= east for west, east in box.longitudes)
    )


def test_a_box_holds_its_circle_and_little_more() -> None:
    box = bounding_box(48.8606, 2.3376, 1_000)
    ((west, east),) = box.longitudes
    # The circle's northernmost, southernmost, westernmost and easternmost points.
    assert haversine_m(48.8606, 2.3376, box.latitudes[1], 2.3376) == pytest.approx(1_000)
    assert haversine_m(48.8606, 2.3376, box.latitudes[0], 2.3376) == pytest.approx(1_000)
    assert haversine_m(48.8606, 2.3376, 48.8606, east) == pytest.approx(1_000, rel=1e-3)
    assert haversine_m(48.8606, 2.3376, 48.8606, west) == pytest.approx(1_000, rel=1e-3)


def test_a_point_just_outside_the_radius_due_north_is_outside_the_box() -> None:
    box = bounding_box(48.8606, 2.3376, 1_000)
    assert inside(box, 48.8606 + 0.0089, 2.3376)
    assert not inside(box, 48.8606 + 0.0091, 2.3376)


def test_across_the_180th_meridian_a_box_is_two_ranges_of_longitude() -> None:
    east_of_it = bounding_box(-17.0, 179.99, 10_000)
    assert len(east_of_it.longitudes) == 2
    assert inside(east_of_it, -17.0, -179.995) and inside(east_of_it, -17.0, 179.95)
    assert not inside(east_of_it, -17.0, 0.0)
    west_of_it = bounding_box(-17.0, -179.99, 10_000)
    assert len(west_of_it.longitudes) == 2
    assert inside(west_of_it, -17.0, 179.995) and inside(west_of_it, -17.0, -179.95)


@pytest.mark.parametrize(("latitude", "radius_m"), [(89.99, 5_000), (-89.5, 100_000)])
def test_near_a_pole_every_longitude_is_in_the_box(latitude: float, radius_m: float) -> None:
    box = bounding_box(latitude, 0.0, radius_m)
    assert box.longitudes == ()
    assert inside(box, latitude, 180.0) and inside(box, latitude, -90.0)
