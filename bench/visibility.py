"""Benchmark of the EU visibility check on a 50-page report, as PDF and as DOCX.

    .venv/bin/python bench/visibility.py

It renders a 50-page PDF with WeasyPrint (DejaVu fonts, paragraphs of Russian
and Kazakh text, a table on some pages, the funding statement only on the
last page) and builds a DOCX of the same text as Word saves it (many runs per
paragraph, proofing marks, page breaks). It then times `check_material` on
each: the median and the maximum of several runs. Budget: 2 s for a 50-page
PDF. Needs no database. Prints the figures and writes them to
bench/results/visibility.json.
"""

import datetime
import io
import json
import os
import platform
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecodialogue.implementation.visibility import check_material  # noqa: E402

PAGES = 50
RUNS = 7
BUDGET_S = 2.0
PHRASES = [
    "Бұл материал Еуропалық Одақтың қаржылық қолдауымен дайындалды",
    "Данный материал подготовлен при финансовой поддержке Европейского союза",
    "This material was produced with the financial support of the European Union",
]
STATEMENT = (
    "Данный материал подготовлен при финансовой поддержке Европейского союза. Его содержание является "
    "исключительной ответственностью общественного объединения и не обязательно отражает позицию "
    "Европейского союза."
)
PARAGRAPHS = [
    "В рамках пилотного проекта в сёлах Атбасарского района проведён мониторинг качества питьевой воды: "
    "отобрано 48 проб из колодцев, скважин и водопровода, результаты лабораторного анализа обсуждены с "
    "жителями и представителями акимата на открытых встречах.",
    "Жоба аясында Ақмола облысының ауылдарында тұрғындармен кездесулер ұйымдастырылды, олардың барысында "
    "қатты тұрмыстық қалдықтарды бөлек жинау, су үнемдеу және жасыл желекті күтіп-баптау мәселелері "
    "талқыланды.",
    "По итогам встреч инициативная группа подготовила обращение в маслихат района с предложениями по "
    "размещению контейнерных площадок и графику вывоза отходов; обращение поддержали 312 жителей.",
    "Экологиялық сабақтарға аудан мектептерінің 7–9 сынып оқушылары қатысты: балалар өзен жағалауын "
    "тазалап, жиналған қалдықтардың құрамын есептеп, нәтижелерін аудандық газетте жариялады.",
    "Собранные данные внесены в открытую карту проблемных участков, которую ведут волонтёры; карта "
    "обновляется раз в месяц и доступна на казахском и русском языках, в том числе с мобильного телефона.",
    "Аудан әкімдігімен бірлесіп өткізілген дөңгелек үстелде жергілікті бюджетте табиғатты қорғау "
    "іс-шараларына қаражат бөлу тәртібі, қоғамдық тыңдаулардың хабарландыруы және есептілік талқыланды.",
    "Партнёрская организация провела два обучающих семинара для сотрудников сельских округов по вопросам "
    "общественного участия в принятии экологически значимых решений и доступа к информации.",
    "Жоба командасы ауыл тұрғындары үшін қысқаша нұсқаулық әзірледі: ауыз судың сапасы туралы ақпаратты "
    "қайдан алуға болады, өтінішті қалай жазу керек және жауап қай мерзімде берілуі тиіс.",
]
TABLE = (
    "<table><tr><th>Село / Ауыл</th><th>Пробы</th><th>Превышения</th></tr>"
    "<tr><td>Сочинское</td><td>12</td><td>3</td></tr><tr><td>Мариновка</td><td>9</td><td>1</td></tr>"
    "<tr><td>Есенгелді</td><td>14</td><td>4</td></tr></table>"
)


def page_paragraphs(number: int) -> list[str]:
    """Nine paragraphs, nearly a full page of 10.5 pt text; rotated so that no two pages are the same."""
    return [PARAGRAPHS[(number + i) % len(PARAGRAPHS)] for i in range(9)]


def report_pdf() -> bytes:
    from weasyprint import HTML

    pages = []
    for number in range(1, PAGES + 1):
        body = "".join(f"<p>{text}</p>" for text in page_paragraphs(number))
        if number % 5 == 0:
            body += TABLE
        if number == PAGES:
            body += f'<p class="statement">{STATEMENT}</p>'
        pages.append(f"<section><h2>{number}. Ход реализации / Іске асыру барысы</h2>{body}</section>")
    style = (
        "@page { size: A4; margin: 2cm; @bottom-right { content: counter(page) } }"
        'body { font-family: "DejaVu Sans"; font-size: 10.5pt; line-height: 1.4; text-align: justify; hyphens: auto }'
        "section { break-after: page } section:last-child { break-after: auto }"
        "table { border-collapse: collapse } td, th { border: 1px solid #999; padding: 2pt 6pt }"
        ".statement { font-size: 9pt; border-top: 1px solid #999; padding-top: 4pt }"
    )
    return HTML(
        string=f'<html lang="ru"><head><style>{style}</style></head><body>{"".join(pages)}</body></html>'
    ).write_pdf()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RUN_PROPERTIES = (
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
    '<w:sz w:val="24"/><w:lang w:val="ru-RU"/></w:rPr>'
)


def word_paragraph(text: str) -> str:
    """A paragraph as Word saves it: the text in runs of a few words, with proofing marks between."""
    words = text.split(" ")
    runs = []
    for start in range(0, len(words), 4):
        piece = " ".join(words[start : start + 4]) + (" " if start + 4 < len(words) else "")
        runs.append(f'<w:r w:rsidRPr="00A1{start:04d}">{RUN_PROPERTIES}<w:t xml:space="preserve">{piece}</w:t></w:r>')
        if start % 12 == 8:
            runs.append('<w:proofErr w:type="spellStart"/>')
    return f'<w:p w:rsidR="00B2C3D4"><w:pPr><w:jc w:val="both"/></w:pPr>{"".join(runs)}</w:p>'


def report_docx() -> bytes:
    body = []
    for number in range(1, PAGES + 1):
        body.append(word_paragraph(f"{number}. Ход реализации / Іске асыру барысы"))
        body.extend(word_paragraph(text) for text in page_paragraphs(number))
        if number < PAGES:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    body.append(word_paragraph(STATEMENT))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
        f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml"'
            ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def timed(data: bytes, kind: str) -> tuple[list[float], object]:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = check_material(data, kind, PHRASES)
        timings.append(time.perf_counter() - started)
    return timings, result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    print(f"Rendering a {PAGES}-page PDF with WeasyPrint and building the same DOCX …", flush=True)
    pdf, docx = report_pdf(), report_docx()
    check_material(pdf, "pdf", PHRASES)  # imports pypdf once, outside the timings

    results = {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "machine": f"{cpu_model()} · {os.cpu_count()} cores",
        "runs": RUNS,
    }
    print(f"Machine: {results['machine']}")
    for kind, data in (("pdf", pdf), ("docx", docx)):
        timings, result = timed(data, kind)
        assert result.status == "found", result
        assert kind == "docx" or result.pages == PAGES, result.pages
        median, worst = statistics.median(timings), max(timings)
        verdict = "ok" if worst < BUDGET_S else "OVER BUDGET"
        print(
            f"{kind.upper():4} {PAGES} pages, {len(data) / 1024:6.0f} KB, {result.characters:7} characters: "
            f"median {median:.3f} s, max {worst:.3f} s (of {RUNS}) · budget {BUDGET_S:.0f} s · {verdict}"
        )
        results[kind] = {
            "kb": round(len(data) / 1024, 1),
            "characters": result.characters,
            "median_s": round(median, 3),
            "max_s": round(worst, 3),
        }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "visibility.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
