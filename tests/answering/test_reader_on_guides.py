"""The reader over the bundled guides and the regulations they cite, in a real index."""

from __future__ import annotations

import pytest


@pytest.mark.shared
def test_a_guide_that_answers_from_a_pasal_brings_that_pasal_s_own_words(regulations_assistant) -> None:
    answer = regulations_assistant.ask("Setelah teguran tertulis, berapa lama waktu yang diberikan kepada penyelenggara "
                                       "yang tidak menyediakan sarana pengaduan sebelum dibebaskan dari jabatan?")
    assert not answer.abstained, answer.text
    labels = [c.label for c in answer.citations]
    # the guide says "(Pasal 54 ayat (4) UU 25/2009)": the ayat of that Pasal are quoted from the law itself
    assert any(label.startswith("Pasal 54") and "UU 25/2009" in label for label in labels), labels


@pytest.mark.shared
def test_a_regional_government_written_short_is_the_actor_of_the_question(regulations_assistant) -> None:
    from assistant.answering.asks import analyse_question

    assert analyse_question("Apakah pemkab wajib menyusun arsitektur SPBE?").actor == "pemerintah daerah"
    # a short form that qualifies something is not who is asked about
    assert analyse_question("Operator mau menarik kabel melewati tanah milik pemda. Apakah boleh?").actor == ""
    answer = regulations_assistant.ask("Pemprov kami harus menetapkan Arsitektur SPBE daerah paling lambat kapan?")
    assert not answer.abstained, answer.text
    assert "pemerintah daerah" in answer.text.lower() and "2023" in answer.text.split("\n\n")[0], answer.text
    # the period an architecture covers is not stated; the deadline of building infrastructure once it is
    # set (Pasal 5 ayat (2)) is the value of another act, not an answer
    answer = regulations_assistant.ask("Pemprov kami harus menyusun Arsitektur SPBE daerah untuk jangka berapa tahun?")
    assert "2 (dua) tahun" not in answer.text.split("\n\n")[0], answer.text


@pytest.mark.shared
def test_a_period_that_recurs_says_how_often_not_by_when(regulations_assistant) -> None:
    # Pasal 20 ayat (1) Perpres 82/2023: the report is made "secara berkala setiap 3 (tiga) bulan"
    by_when = regulations_assistant.ask("Paling lambat kapan Direksi Perum Peruri harus menyampaikan laporan "
                                        "pelaksanaan penugasan?")
    assert "3 (tiga) bulan" not in by_when.text.split("\n\n")[0], by_when.text  # not a deadline
    how_often = regulations_assistant.ask("Seberapa sering Direksi Perum Peruri menyampaikan laporan pelaksanaan "
                                          "penugasan?")
    assert not how_often.abstained, how_often.text
    assert "setiap 3 (tiga) bulan" in how_often.text and "Pasal 20 ayat (1) Perpres 82/2023" in how_often.text


@pytest.mark.shared
def test_a_guide_titled_after_a_lampiran_brings_the_lampiran_itself(regulations_assistant) -> None:
    # the note on the 2020 evaluation is titled "... menurut Lampiran Perpres 132/2022": the table of
    # the Lampiran it reports on is quoted with it
    answer = regulations_assistant.ask("Pada evaluasi SPBE 2020, berapa pemerintah daerah yang sudah mencapai "
                                       "predikat Baik atau lebih?")
    assert not answer.abstained and "178" in answer.text, answer.text
    assert any(c.label.startswith("Lampiran Perpres 132/2022") for c in answer.citations), \
        [c.label for c in answer.citations]


@pytest.mark.shared
def test_a_number_of_times_in_a_period_says_how_often_not_how_long(regulations_assistant) -> None:
    from assistant.answering.asks import analyse_question
    from assistant.answering.reader import read
    from assistant.retrieval import ScoredChunk

    # Lampiran Perpres 132/2022: "Audit keamanan SPBE dilaksanakan 1 (satu) kali dalam 1 (satu) tahun ..."
    chunks = regulations_assistant.index.reader.chunks().values()
    audit = [ScoredChunk(c, 0.9) for c in chunks if "kali dalam 1 (satu) tahun" in " ".join(c.text.split())]
    assert audit
    settings = regulations_assistant.settings.answer
    how_long = read(analyse_question("Dalam berapa lama audit keamanan SPBE harus diselesaikan?"), audit, settings)
    assert not how_long.answered
    how_often = read(analyse_question("Seberapa sering audit keamanan SPBE dilaksanakan?"), audit, settings)
    assert how_often.answered and "kali dalam 1 (satu) tahun" in " ".join(how_often.findings[0].span.split())


@pytest.mark.shared
def test_the_list_item_about_what_is_asked_gives_the_value_not_its_siblings(regulations_assistant) -> None:
    from assistant.answering.asks import analyse_question
    from assistant.answering.reader import read
    from assistant.retrieval import ScoredChunk

    # UU 20/2023 Pasal 55: retirement ages by office, 60 or 58 years; for "pejabat fungsional" a referral
    # ("sesuai dengan ketentuan peraturan perundang-undangan bagi pejabat fungsional")
    hits = [ScoredChunk(c, 0.9) for c in regulations_assistant.index.reader.chunks().values()
            if c.metadata.get("short_name") == "UU 20/2023" and c.metadata.get("pasal") == "Pasal 55"
            and c.metadata.get("part") == "batang_tubuh"]
    assert hits
    settings = regulations_assistant.settings.answer
    idf = regulations_assistant.index.reader.lexical().idf
    functional = regulations_assistant.ask("Berapa batas usia pensiun pejabat fungsional ahli utama menurut UU 20/2023?")
    direct = functional.text.split("\n\n")[0]
    assert "enam puluh" not in direct and "lima puluh delapan" not in direct, functional.text
    administrator = read(analyse_question("Berapa tahun batas usia pensiun pejabat administrator?"), hits, settings,
                         idf=idf)
    assert administrator.answered and "58 (lima puluh delapan) tahun" in administrator.findings[0].unit.text


def _first_line(answer) -> str:
    return answer.text.splitlines()[0]


@pytest.mark.shared
def test_a_score_asked_for_is_not_answered_by_a_count_of_things(regulations_assistant) -> None:
    # the training guide counts aspects and pillars but sets no passing mark
    mark = regulations_assistant.ask("Berapa nilai kelulusan minimal peserta pelatihan kepemimpinan digital menurut "
                                     "panduan materi pelatihannya?")
    assert mark.abstained or "tidak disebutkan" in _first_line(mark), mark.text
    # a score the sources do give still answers
    index = regulations_assistant.ask("Berapa indeks SPBE Kota Balikpapan pada tahun 2022?")
    assert not index.abstained and "3,05" in _first_line(index), index.text


@pytest.mark.shared
def test_a_rank_asked_for_is_not_answered_by_the_score_behind_it(regulations_assistant) -> None:
    answer = regulations_assistant.ask("Pada evaluasi SPBE 2022, Kota Balikpapan menempati peringkat berapa di antara "
                                       "kota-kota di Indonesia?")
    assert answer.abstained or "tidak disebutkan" in _first_line(answer), answer.text
