from storyline.enrich.terms import cosine, find_numbers, term_weights, tokenize


def test_numbers_are_normalised_across_scripts_and_separators():
    assert find_numbers("2,750 tonnes") == {"2750"}
    assert find_numbers("2.750 Tonnen") == {"2750"}
    assert find_numbers("٢٧٥٠ طن") == {"2750"}
    assert find_numbers("1 404 blessés") == {"1404"}


def test_years_and_small_numbers_are_left_out():
    assert find_numbers("In 2020, 3 people and 6.4 magnitude") == set()
    assert find_numbers("44,218 dead by 2023") == {"44218"}


def test_stop_words_get_no_weight_and_names_get_most():
    w = term_weights("The explosion in the port of Beirut killed people, the ministry said.", "en")
    assert "the" not in w and "of" not in w
    assert max(w, key=w.get) == "beirut"
    assert abs(sum(v * v for v in w.values()) - 1.0) < 1e-6


def test_chinese_is_segmented():
    toks = tokenize("黎巴嫩首都贝鲁特港口发生大爆炸", "zh")
    assert "贝鲁特" in toks and "黎巴嫩" in toks


def test_japanese_falls_back_to_bigrams_without_mecab():
    assert "地震" in tokenize("東京で地震が発生", "ja")


def test_cosine_same_language_similarity():
    a = term_weights("Earthquake strikes Morocco, killing thousands in the Atlas mountains", "en")
    b = term_weights("Thousands killed as earthquake hits Morocco's Atlas mountains", "en")
    c = term_weights("Central bank raises interest rates again to fight inflation", "en")
    assert cosine(a, b) > 0.3 > cosine(a, c)
