"""Follow-up questions become standalone before retrieval."""

from assistant.chat import condense_question, needs_history


def test_follow_up_is_joined_to_previous_question():
    history = ["Kapan batas waktu penyusunan Arsitektur SPBE instansi pusat?"]
    out = condense_question("dan untuk pemerintah daerah?", history)
    assert "Arsitektur SPBE" in out and "pemerintah daerah" in out


def test_standalone_question_is_left_alone():
    history = ["Apa itu SPBE?"]
    q = "Apa hak subjek data pribadi menurut UU 27/2022?"
    assert condense_question(q, history) == q


def test_chain_of_follow_ups_keeps_the_topic():
    history = ["Apa kewajiban pengendali data pribadi jika terjadi kegagalan pelindungan?", "Berapa lama batasnya?"]
    out = condense_question("Kepada siapa?", history)
    assert "pengendali data pribadi" in out.lower()


def test_english_follow_up_and_rewriter_fallback():
    assert needs_history("What about regional governments?")

    def broken(question, history):
        raise RuntimeError("server down")

    out = condense_question("What about regional governments?", ["What is the SPBE architecture deadline?"], broken)
    assert "SPBE" in out


def test_no_history_means_no_change():
    assert condense_question("dan pemerintah daerah?", []) == "dan pemerintah daerah?"
