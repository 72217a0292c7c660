"""BibTeX text to Unicode: what a reader of the record page sees instead of LaTeX."""

from __future__ import annotations

import pytest

from litsite.readers.latex import latex_to_rich, latex_to_text, split_people, unescape_verbatim


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


@pytest.mark.parametrize(
    ("latex", "rich"),
    [
        (r"Caf{\'e} and {\^{o}}tel", "Café and ôtel"),
        (r"\^o, \'{e}, {\'e}, \"u, {\ss}, {\o}, \c{c}, \v{s}, {\aa}", "ô, é, é, ü, ß, ø, ç, š, å"),
        (r"\textit{Homo sapiens} and \emph{E. coli}", "<i>Homo sapiens</i> and <i>E. coli</i>"),
        (r"{\it Drosophila} genes", "<i>Drosophila</i> genes"),
        (r"\textbf{Bold} claims", "<b>Bold</b> claims"),
        (r"\textsc{Unesco}", '<span style="font-variant:small-caps;">Unesco</span>'),
        (r"CO\textsubscript{2} and H$_2$O", "CO<sub>2</sub> and H<sub>2</sub>O"),
        (r"$^{13}$C and x\textsuperscript{2}", "<sup>13</sup>C and x<sup>2</sup>"),
        (r"1941\Dash 1945 and 10--20 and a---b", "1941—1945 and 10–20 and a—b"),
        (
            r"see \path|file_name%20v2| and \url{https://x.org/~a\_b}",
            "see file_name%20v2 and https://x.org/~a_b",
        ),
        (r"85% of {\relax Th}e cases\noopsort{1990}", "85% of The cases"),
        (r"\unknownmacro{Arg} stays", r"\unknownmacro{Arg} stays"),
        (
            r"a {\textless}1 {\textbar} b\textunderscore c \~{}user 2\textasciicircum{}k",
            "a <1 | b_c ~user 2^k",
        ),
        (r"\textbraceleft{}x\textbraceright{} \MakeUppercase{abc} \lowercase{DEF}", "{x} ABC def"),
        (
            r"\SI{5}{\micro\gram} of \mbox{Na$^+$} at 4$^\circ$C",
            r"\SI{5}{\micro\gram} of Na<sup>+</sup> at 4°C",
        ),
    ],
)
def test_latex_to_rich(latex, rich):
    assert latex_to_rich(latex) == rich


def test_unknown_macro_is_named_for_the_report():
    unknown: set[str] = set()
    assert latex_to_text(r"\foo{x} and \qux baz", unknown) == r"\foo{x} and \qux baz"
    assert unknown == {"foo", "qux"}


def test_escapes_in_a_verbatim_field_are_undone():
    assert unescape_verbatim(r"10.1000/a{\_}b\_c\%d") == "10.1000/a_b_c%d"


def test_von_last_jr_first_gives_the_suffix():
    (person,) = split_people(r"von Neumann, Jr, John")
    assert (person.non_dropping_particle, person.family, person.suffix) == ("von", "Neumann", "Jr")


def test_tie_is_a_no_break_space_and_the_spaced_colon_stays():
    assert latex_to_rich(r"Histoire~: une introduction") == "Histoire\u00a0: une introduction"
