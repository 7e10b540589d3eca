"""The reader: what is asked, which unit answers each ask, and the answer built from it."""

from __future__ import annotations

import pytest

from assistant.answering.asks import AskKind, analyse_question
from assistant.answering.compose import compose_answer
from assistant.answering.reader import polarity, read
from assistant.index.lexical import tokenize
from assistant.settings import AnswerSettings
from tests.answering.conftest import make_hit

SETTINGS = AnswerSettings()


@pytest.mark.parametrize(
    "question, kinds",
    [
        ("Siapa yang menetapkan Arsitektur SPBE Pemerintah Daerah dan paling lambat kapan?",
         (AskKind.WHO, AskKind.DEADLINE)),
        ("Berapa lama masa penyesuaian bagi pengendali data pribadi?", (AskKind.DURATION,)),
        ("Apa sanksinya kalau penyelenggara tidak menanggapi pengaduan?", (AskKind.SANCTION,)),
        ("Seberapa sering gubernur melaporkan hasil pengawasan?", (AskKind.FREQUENCY,)),
        ("Apa yang dimaksud dengan Data Pribadi?", (AskKind.DEFINITION,)),
        ("Apa saja isi pemberitahuan tertulis itu?", (AskKind.LIST,)),
        ("Apakah instansi wajib mengumumkan kebocoran data kepada masyarakat?", (AskKind.YESNO,)),
        ("Berapa inisiatif strategis Satu Data dalam Arsitektur SPBE Nasional?", (AskKind.AMOUNT,)),
        ("By when must regional governments adopt their SPBE architecture?", (AskKind.DEADLINE,)),
        ("What sanction applies to a data controller that ignores the rules?", (AskKind.SANCTION,)),
        ("Kalau pegawai menyadap telepon orang lain, berapa ancaman pidananya?", (AskKind.SANCTION,)),
        ("How long is the prison sentence for illegal interception?", (AskKind.SANCTION,)),
        ("How much time must sellers give buyers to cancel a purchase?", (AskKind.DURATION,)),
        ("Hak apa yang bisa kami pakai, dan apa ancaman bagi perusahaan pers yang tidak melayaninya?",
         (AskKind.GENERAL, AskKind.SANCTION)),
        ("Apa saja ancaman terhadap keamanan SPBE?", (AskKind.LIST,)),
        ("What must the written notification to the data subjects contain at minimum?", (AskKind.LIST,)),
        ("Surat pemberitahuan itu harus memuat apa?", (AskKind.LIST,)),
        ("Berapa tahun sekali hasil pemetaan itu dievaluasi ulang?", (AskKind.FREQUENCY,)),
        ("Apa isi minimal SOP penanganan panggilan darurat?", (AskKind.LIST,)),
        ("Within what period must the accreditation procedure be completed?", (AskKind.DURATION,)),
        ("What must the regional government do after a breach?", (AskKind.OBLIGATION,)),
        # an amount named without "berapa" in a question that asks yes or no, or that asks nothing else
        ("Apakah penggabungan urusan itu bisa memengaruhi tipe atau jumlah bidang dinas?", (AskKind.YESNO,)),
        ("Jumlah anggota tim koordinasi SPBE daerah?", (AskKind.AMOUNT,)),
        # a second ask that opens with its condition
        ("Bolehkah tipenya diturunkan, dan kalau menjadi tipe C berapa bidang paling banyak?",
         (AskKind.YESNO, AskKind.AMOUNT)),
        # the body a report or request goes to
        ("Pengaduan atas pelanggaran hak cipta itu disampaikan ke mana?", (AskKind.WHO,)),
        ("Where should a data subject file an objection?", (AskKind.WHO,)),
        # a question reported after a colon is the asking sentence, the scenario before it is not
        ("Dalam sosialisasi tahun lalu warga bertanya: berapa lama data pengaduan disimpan?", (AskKind.DURATION,)),
    ],
)
def test_kinds_of_ask(question: str, kinds: tuple[AskKind, ...]) -> None:
    assert analyse_question(question).kinds == kinds


def test_a_question_reported_after_a_colon_asks_without_the_scenario() -> None:
    ask = analyse_question("Dalam sosialisasi registrasi kartu prabayar, warga bertanya: paling banyak berapa "
                           "nomor yang boleh diregistrasi dengan satu identitas?").asks[0]
    assert {"nomor", "registrasi"} <= ask.terms and not {"sosialisasi", "warga"} & ask.terms, ask.terms


def test_an_english_question_keeps_the_indonesian_words_it_quotes() -> None:
    terms = analyse_question("Our app ranks applicants automatically. What does 'pemrofilan' mean in the PDP Law?").terms
    assert set(tokenize("pemrofilan")) <= terms
    terms = analyse_question("Who is the Pejabat Pembina Kepegawaian (PPK) of a regency?").terms
    assert set(tokenize("PPK")) <= terms


def test_ask_details_bound_count_years_and_actor() -> None:
    q = analyse_question("Berapa denda administratif paling rendah bagi pengendali data pribadi tahun 2024?")
    ask = q.asks[0]
    assert ask.bound == "min" and ask.years == {"2024"} and q.actor == "pengendali data pribadi"
    assert analyse_question("Berapa inisiatif strategis yang ditetapkan?").asks[0].counted == "inisiatif"
    assert analyse_question("Paling banyak berapa nomor yang boleh diregistrasi?").asks[0].counted == "nomor"
    # a noun that points back ("alat itu") or a pronoun after "berapa" is not what is counted
    assert not analyse_question("Pada jarak paling jauh berapa alat itu dapat bertransaksi?").asks[0].counted
    assert not analyse_question("Berapa kami harus membayar biaya pendaftaran?").asks[0].counted
    # the year of a regulation's name is not a year asked about
    assert not analyse_question("Paling lambat kapan pemilik data diberi tahu menurut Permenkominfo 20/2016?").asks[0].years
    assert not analyse_question("Berapa dendanya menurut UU Nomor 11 Tahun 2008?").asks[0].years
    assert not analyse_question("What fines apply under the 2024 ministerial regulation?").asks[0].years
    assert not analyse_question("Berapa batas usia pensiun menurut UU ASN 2023?").asks[0].years
    assert analyse_question("Indeks SPBE Kota Balikpapan tahun 2021 berapa?").asks[0].years == {"2021"}
    # a year in a sentence around the question is context, not the year asked about
    assert analyse_question("Indeks SPBE Kota Balikpapan tahun 2021 berapa? Saya mau bandingkan ke 2022.").asks[0].years \
        == {"2021"}
    # the actor is the one the asking sentence speaks of; a scenario's actor only when the asker is it
    assert analyse_question("Pemkot kami menyusun laporan 2023. Berapa lama kami wajib menyimpannya?").actor \
        == "pemerintah daerah"
    assert analyse_question("Pemkot kami menyusun laporan 2023. Berapa indeks SPBE nasional tahun 2020?").actor == ""
    scenario = analyse_question("Pemprov ingin membangun jaringan radio di pulau terpencil. Dalam keadaan apa instansi "
                                "pemerintah boleh menyelenggarakan telekomunikasi khusus untuk keperluannya sendiri?")
    assert scenario.actor == "" and "pulau" not in scenario.asks[0].terms and "khusus" in scenario.asks[0].terms
    # a class named by a letter or numeral, in the sentence that asks (not "Pasal 5" or "BAB II")
    typed = analyse_question("Dinas kami tipe B. Kalau menjadi tipe C berapa bidangnya menurut Pasal 15 BAB II?")
    assert typed.asks[0].designations == {("tipe", "C")}
    english = analyse_question("What is the deadline for the regional government?")
    assert "daerah" in english.terms and "deadline" not in english.terms


def _spbe_hits():
    return [
        make_hit("p3", "(4) Pimpinan Instansi Pusat menetapkan Arsitektur SPBE Instansi Pusat paling lambat tahun 2022. "
                 "(5) Kepala daerah menetapkan Arsitektur SPBE Pemerintah Daerah dengan keputusan kepala daerah paling "
                 "lambat tahun 2023.", 0.9, short_name="Perpres 132/2022", pasal="Pasal 3", doc_id="perpres-132-2022",
                 ditetapkan="2022-10-25", diundangkan="2022-10-26"),
        make_hit("m1", "Bahwa untuk mewujudkan tata kelola pemerintahan yang bersih perlu ditetapkan Arsitektur SPBE.", 0.95,
                 short_name="Perpres 132/2022", part="pembukaan", section="Menimbang", doc_id="perpres-132-2022"),
    ]


def test_two_asks_get_two_direct_lines_from_the_right_ayat_and_never_the_preamble() -> None:
    analysis = analyse_question("Siapa yang menetapkan Arsitektur SPBE Pemerintah Daerah dan paling lambat kapan?")
    hits = _spbe_hits()
    reading = read(analysis, hits, SETTINGS)
    assert [f.unit is not None for f in reading.findings] == [True, True]
    deadline = reading.findings[1]
    assert "2023" in deadline.span and deadline.deadline is not None and deadline.deadline.date == "2023-12-31"
    text, citations = compose_answer(reading, hits, "id")
    assert text.startswith("- **Pihak:**")
    assert "**Batas waktu:**" in text and "31 Desember 2023" in text
    assert all("Menimbang" not in c.label for c in citations)
    assert citations[0].label == "Pasal 3 ayat (5) Perpres 132/2022"


def test_a_fact_the_passages_do_not_state_is_said_not_stated_per_ask() -> None:
    analysis = analyse_question("Siapa yang menetapkan Arsitektur SPBE Pemerintah Daerah dan apa sanksinya bila terlambat?")
    hits = _spbe_hits()
    reading = read(analysis, hits, SETTINGS)
    assert reading.findings[0].unit is not None and reading.findings[1].unit is None
    text, _ = compose_answer(reading, hits, "id")
    assert "Sanksi/akibat: tidak disebutkan" in text
    only_sanction = read(analyse_question("Apa sanksi bila Arsitektur SPBE Pemerintah Daerah terlambat ditetapkan?"),
                         hits, SETTINGS)
    assert not only_sanction.answered


def test_a_relative_deadline_is_resolved_to_a_date_against_the_regulation_dates() -> None:
    hits = [make_hit("p74", "Pada saat Undang-Undang ini mulai berlaku, Pengendali Data Pribadi wajib menyesuaikan dengan "
                     "ketentuan pemrosesan Data Pribadi berdasarkan Undang-Undang ini paling lama 2 (dua) tahun sejak "
                     "Undang-Undang ini diundangkan.", 0.9, short_name="UU 27/2022", pasal="Pasal 74",
                     diundangkan="2022-10-17", ditetapkan="2022-10-17")]
    reading = read(analyse_question("Sampai kapan pengendali data pribadi wajib menyesuaikan pemrosesan data pribadi?"),
                   hits, SETTINGS)
    text, _ = compose_answer(reading, hits, "id")
    assert "17 Oktober 2024" in text and "[1]" in text


def test_a_negated_or_referred_value_does_not_answer() -> None:
    hits = [make_hit("n1", "Peraturan ini tidak memuat ketentuan sanksi atas keterlambatan penetapan arsitektur.", 0.9,
                     short_name="Perpres 132/2022", pasal="Pasal 6"),
            make_hit("n2", "(3) Pejabat yang mengangkat pegawai non-ASN dikenai sanksi sesuai dengan ketentuan peraturan "
                     "perundang-undangan.", 0.8, short_name="UU 20/2023", pasal="Pasal 65")]
    assert not read(analyse_question("Apa sanksi atas keterlambatan penetapan arsitektur?"), hits, SETTINGS).answered
    assert not read(analyse_question("Sanksi apa bagi pejabat yang mengangkat pegawai non-ASN?"), hits, SETTINGS).answered


def test_a_minimum_is_not_answered_by_a_maximum() -> None:
    hits = [make_hit("d", "(3) Denda administratif paling tinggi 2 (dua) persen dari pendapatan tahunan.", 0.9,
                     short_name="UU 27/2022", pasal="Pasal 57")]
    assert not read(analyse_question("Berapa denda administratif paling rendah?"), hits, SETTINGS).answered
    assert read(analyse_question("Berapa denda administratif paling tinggi?"), hits, SETTINGS).answered


def test_yes_no_polarity() -> None:
    assert polarity("Apakah instansi wajib mengumumkannya?", "Pengendali Data Pribadi wajib memberitahukan kepada masyarakat.") == "yes"
    assert polarity("Bolehkah petugas merangkap komisaris?", "Pelaksana dilarang merangkap sebagai komisaris.") == "no"
    assert polarity("Apakah ada batasnya?", "Batasnya ditetapkan menteri.") == ""


def test_an_amount_is_answered_in_the_unit_asked_for() -> None:
    days = [make_hit("s", "(2) Pendapatan layanan sertifikat disetor ke kas negara paling lambat 14 (empat belas) hari.",
                     0.9, short_name="Permen 1/2099", pasal="Pasal 9")]
    percent = [make_hit("p", "(2) Pendapatan layanan sertifikat disetor ke kas negara sebesar 5 (lima) persen.",
                        0.9, short_name="Permen 1/2099", pasal="Pasal 9")]
    question = analyse_question("Berapa persen pendapatan layanan sertifikat yang disetor ke kas negara?")
    assert question.asks[0].measure == "percent"
    assert not read(question, days, SETTINGS).answered
    assert read(question, percent, SETTINGS).answered


def test_closeness_to_the_question_breaks_a_tie_between_units() -> None:
    hits = [make_hit("a", "(1) Unit layanan menyusun laporan. (2) Unit layanan menyusun rencana.", 0.9,
                     short_name="Permen 1/2099", pasal="Pasal 4")]
    question = analyse_question("Apa yang disusun unit layanan?")

    def prefer_plans(texts):
        return [1.0 if "rencana" in t else 0.0 for t in texts]

    def prefer_reports(texts):
        return [1.0 if "laporan" in t else 0.0 for t in texts]

    assert "rencana" in read(question, hits, SETTINGS, closeness=prefer_plans).findings[0].unit.text
    assert "laporan" in read(question, hits, SETTINGS, closeness=prefer_reports).findings[0].unit.text


def test_an_offence_named_is_not_a_sanction_imposed() -> None:
    """"tindak pidana", "Hukum Acara Pidana" name offences and procedure; only "dipidana dengan pidana
    penjara ..." states the sanction, here in a Pasal reached through its reference to Pasal 40."""
    offence = make_hit("p44", "(1) Pejabat Pegawai Negeri Sipil tertentu diberi wewenang khusus sebagai penyidik "
                       "untuk melakukan penyidikan tindak pidana di bidang telekomunikasi sesuai Hukum Acara Pidana.",
                       0.9, short_name="UU 36/1999", pasal="Pasal 44")
    rule = make_hit("p40", "Setiap orang dilarang melakukan kegiatan penyadapan atas informasi yang disalurkan melalui "
                    "jaringan telekomunikasi dalam bentuk apapun.", 0.6, short_name="UU 36/1999", pasal="Pasal 40")
    sanction = make_hit("p56", "Barang siapa yang melanggar ketentuan sebagaimana dimaksud dalam Pasal 40, dipidana "
                        "dengan pidana penjara paling lama 15 (lima belas) tahun.", 0.54, short_name="UU 36/1999",
                        pasal="Pasal 56")
    question = analyse_question("Pegawai yang menyadap pembicaraan telepon lewat jaringan telekomunikasi, berapa "
                                "ancaman pidananya?")
    assert not read(question, [offence, rule], SETTINGS).answered
    sanction.via, sanction.via_rank = rule.chunk.text, 1
    reading = read(question, [offence, rule, sanction], SETTINGS)
    assert reading.findings[0].unit is not None and "15 (lima belas) tahun" in reading.findings[0].span


def test_a_follow_up_takes_its_asks_from_its_own_words_and_its_subject_from_the_history() -> None:
    standalone = "Seberapa sering audit TIK SPBE wajib dilakukan di pemerintah daerah — Lalu siapa yang memimpin tim itu?"
    analysis = analyse_question(standalone, asked="Lalu siapa yang memimpin tim itu?")
    assert analysis.kinds == (AskKind.WHO,)
    assert {"audit", "pimpin"} <= analysis.asks[0].terms and "audit" not in analysis.asks[0].focus
    assert analyse_question(standalone).kinds[0] is AskKind.FREQUENCY  # without the user's words: the first ask


def test_whether_something_has_happened_is_answered_by_a_dated_report_not_by_the_rule_setting_it() -> None:
    target = make_hit("p3", "(5) Aplikasi SPBE Prioritas sebagaimana dimaksud pada ayat (2) huruf b telah diintegrasikan dan "
                      "diluncurkan secara terpadu sebagai versi lebih lanjut paling lambat pada triwulan III tahun 2024.",
                      0.9, short_name="Perpres 82/2023", pasal="Pasal 3", ayat="(5)")
    question = "Apakah Aplikasi SPBE Prioritas sudah diluncurkan pada triwulan III 2024?"
    assert analyse_question(question).asks[0].asks_if_done
    assert not analyse_question("Apakah instansi yang sudah ditegur boleh dibebaskan dari jabatan?").asks[0].asks_if_done
    assert not analyse_question("Apakah Aplikasi SPBE Prioritas sudah diatur dalam Perpres?").asks[0].asks_if_done
    assert not read(analyse_question(question), [target], SETTINGS).answered  # the target date is not the event
    report = make_hit("s1", "Pada triwulan III tahun 2024 Aplikasi SPBE Prioritas telah diluncurkan secara terpadu oleh "
                      "Presiden di Jakarta.", 0.8, doc_type="speech", part="body", title="Pidato", date="2024-09-30")
    reading = read(analyse_question(question), [target, report], SETTINGS)
    assert reading.answered and reading.findings[0].unit.text.startswith("Pada triwulan III")


def test_a_long_ayat_is_shown_in_the_direct_line_around_the_value_it_states() -> None:
    ayat = ("(8) Permohonan Pemutusan Akses (take down) terhadap Informasi Elektronik dan/atau Dokumen Elektronik yang "
            "dilarang bersifat mendesak sebagaimana dimaksud dalam Pasal 14 ayat (3), PSE Lingkup Privat wajib melakukan "
            "Pemutusan Akses (take down) terhadap Informasi Elektronik dan/atau Dokumen Elektronik yang dilarang sesegera "
            "mungkin tanpa penundaan paling lambat 4 (empat) jam setelah peringatan diterima oleh PSE Lingkup Privat "
            "sebagaimana tercantum dalam surat peringatan yang disampaikan oleh Menteri.")
    hits = [make_hit("p15", ayat, 0.9, short_name="Permenkominfo 5/2020", pasal="Pasal 15", ayat="(8)")]
    reading = read(analyse_question("Berapa lama batas waktu PSE Lingkup Privat melakukan pemutusan akses konten "
                                    "yang bersifat mendesak?"), hits, SETTINGS)
    text, _ = compose_answer(reading, hits, "id")
    first = text.splitlines()[0]
    assert "4 (empat) jam" in first and first.startswith("- **") and "(8) Permohonan Pemutusan Akses" in first, first


def test_two_asks_of_one_kind_are_answered_by_two_units_not_one_twice() -> None:
    # two periods in one Pasal: an ordinary removal order and an urgent one (wording of this test)
    hits = [make_hit("t1", "(2) Penyelenggara menurunkan konten paling lambat 1 x 24 (satu kali dua puluh empat) jam. "
                     "(3) Dalam hal konten yang dilarang bersifat mendesak, penyelenggara wajib menurunkan konten yang "
                     "dilarang paling lambat 4 (empat) jam setelah perintah penurunan diterima.",
                     0.9, short_name="Permen 9/2099", pasal="Pasal 7", doc_id="permen-9-2099")]
    # both asks are best answered by ayat (3); the first loses least by taking ayat (2)
    question = "Berapa lama batas waktu penyelenggara menurunkan konten yang dilarang, dan berapa lama kalau kontennya mendesak?"
    reading = read(analyse_question(question), hits, SETTINGS)
    assert len(reading.findings) == 2 and all(f.unit is not None for f in reading.findings)
    first, second = (f.span for f in reading.findings)
    assert "24" in first and "4 (empat) jam" in second, (first, second)


def test_a_unit_of_another_provision_is_quoted_only_when_it_would_answer_too() -> None:
    # the same words, in another Pasal, without the period asked for: nearby text, not support
    hits = [make_hit("a", "Pengendali wajib menyampaikan pemberitahuan tertulis kepada subjek data paling lambat "
                     "3 x 24 jam.", 0.9, short_name="UU 1/2099", pasal="Pasal 46", doc_id="uu-1-2099"),
            make_hit("b", "Pengendali wajib menyampaikan pemberitahuan tertulis kepada subjek data.", 0.9,
                     short_name="UU 1/2099", pasal="Pasal 47", doc_id="uu-1-2099"),
            make_hit("c", "Pengendali wajib menyampaikan pemberitahuan tertulis paling lambat 7 x 24 jam kepada "
                     "subjek data.", 0.95, short_name="UU 1/2099", pasal="Pasal 48", doc_id="uu-1-2099")]
    reading = read(analyse_question("Paling lambat kapan pengendali wajib menyampaikan pemberitahuan tertulis kepada "
                                    "subjek data?"), hits, SETTINGS)
    assert reading.findings[0].unit is not None and reading.findings[0].unit.hit_rank == 0
    quoted = {u.hit_rank for u in reading.support}
    assert 1 not in quoted  # Pasal 47 states no period, though it scores as well as Pasal 48
    assert 2 in quoted  # Pasal 48 would answer as well: the reader shows it


def test_the_number_of_a_definition_or_list_item_stays_with_its_text() -> None:
    from assistant.answering.reader import clauses

    assert clauses("11. Hak Jawab adalah hak seseorang. Ketentuan lain; a. satu; b. dua") == [
        "11. Hak Jawab adalah hak seseorang.", "Ketentuan lain;", "a. satu;", "b. dua"]


def test_a_value_is_read_with_the_year_and_the_place_of_its_own_part_of_the_clause() -> None:
    hits = [make_hit("n", "Sebagai perbandingan, indeks SPBE nasional 2,26 pada 2020, dan indeks SPBE Kota Contoh 3,05 "
                     "pada 2022.", 0.9, doc_type="note", part="", short_name="", pasal="", doc_id="catatan-indeks")]
    assert not read(analyse_question("Indeks SPBE nasional tahun 2022 berapa?"), hits, SETTINGS).answered
    national_2020 = read(analyse_question("Indeks SPBE nasional tahun 2020 berapa?"), hits, SETTINGS)
    assert national_2020.answered and "2,26" in national_2020.findings[0].span
    assert read(analyse_question("Indeks SPBE Kota Contoh tahun 2022 berapa?"), hits, SETTINGS).answered


def test_the_number_of_a_definition_is_not_an_amount() -> None:
    hits = [make_hit("d", "7. Indeks SPBE adalah nilai yang menunjukkan tingkat kematangan SPBE.", 0.9,
                     short_name="Permen 9/2099", pasal="Pasal 1", angka="7", doc_id="permen-9-2099")]
    assert not read(analyse_question("Berapa nilai indeks SPBE?"), hits, SETTINGS).answered
