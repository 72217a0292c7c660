"""BibTeX text to Unicode: what a reader of the record page sees instead of LaTeX."""

from __future__ import annotations

import pytest

from litsite.readers.latex import latex_to_text, split_people


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"U}ber Sch{\"o}nberger", "Über Schönberger"),
        (r"$^{13}$C and $\alpha$-helices", "¹³C and α-helices"),
        (r"DNA$_{\textrm{2}}$", "DNA₂"),
        (r"Actes du $4^{\textrm{ème}}$ Congrès", "Actes du 4ème Congrès"),
        (r"200\,{\mbox{$\mu$}}{J}", "200 μJ"),
        (r"\enquote{quoted}", "“quoted”"),
        (r"pages 10--20", "pages 10–20"),
        (r"<p>ASReview\_not\_seen</p>", "<p>ASReview_not_seen</p>"),
        (r"Radix-2\textasciicircum{}k", "Radix-2^k"),
        (r"\textbraceleft{}:X-genre: xxx\textbraceright{}", "{:X-genre: xxx}"),
        (r"Publishing \& \TeX", "Publishing & TeX"),
        (r"\href{https://example.org}{Example}", "https://example.org"),
        (r"\ElsevierGlyph{2014}", "—"),
        (r"$\langle{}00\overline{1}\rangle$", "⟨001\u0305⟩"),
        (r"methodology\hyphen independent", "methodology-independent"),
        (r"unknown: \unknown", r"unknown: \unknown"),
        (r"events.\ud \ud This article", "events. This article"),
        ("plain text stays", "plain text stays"),
    ],
)
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text


def test_and_others_is_not_a_person():
    assert [p.family for p in split_people("Doe, Jane and others")] == ["Doe"]


def test_given_first_name_with_particle():
    (person,) = split_people("Ludwig van Beethoven")
    assert (person.given, person.non_dropping_particle, person.family) == (
        "Ludwig",
        "van",
        "Beethoven",
    )
