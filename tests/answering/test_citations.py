"""Citation markers are checked against the passages actually given."""

from assistant.answering.citations import check_markers, citation_list, make_citation, renumber


def test_unknown_markers_are_removed():
    text, used = check_markers("A [1]. B [3]. C [2, 9]. D [0].", allowed=2)
    assert "[3]" not in text and "[9]" not in text and "[0]" not in text
    assert used == [1, 2]
    assert text.startswith("A [1].")


def test_renumber_follows_first_use():
    assert renumber("x [3] y [1] z [3]", [3, 1]) == "x [1] y [2] z [1]"


def test_citation_label_narrows_to_ayat(pdp_hits):
    c = make_citation(1, pdp_hits[0], ayat="(1)")
    assert c.label == "Pasal 46 ayat (1) UU 27/2022"
    assert c.text.startswith("(1) Dalam hal")


def test_citation_list_marks_unverified_and_pages(pdp_hits):
    c = make_citation(1, pdp_hits[1])
    c.verified = False
    c.page = 12
    listing = citation_list([c], "id")
    assert "[1] Pasal 36 UU 27/2022" in listing and "hlm. 12" in listing and "belum diverifikasi" in listing
