"""The seed call «ЭкоДиалог» exactly as published (000), and a second call of the same grant-maker open now.

Facts of the call (rules, amounts, dates, criteria, categories, documents,
priorities, contacts) come from the seed document. It gives no opening date,
no time of day for the deadline and results, and no bonus points: those
values below are assumptions of the demo, marked as such.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from ecodialogue.organizations.models import Organization, Settlement, Theme

from .demo_applications import seed_applications
from .demo_evaluation import seed_evaluation
from .models import Announcement, BudgetCategory, Call, Criterion, Priority, Question, RequiredDocument

ALMATY = ZoneInfo("Asia/Almaty")


def _at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


TEXTS = {
    "title": (
        "«ЭкоДиалог» байқауы: елді мекендердің экологиялық мәселелерін шешетін ҮЕҰ консорциумдарына қолдау",
        "Конкурс «ЭкоДиалог»: поддержка консорциумов НПО, решающих экологические проблемы населённых пунктов",
        "EcoDialogue call: support for NGO consortia solving environmental problems of settlements",
    ),
    "summary": (
        "Сізде өз қауымдастығыңыздағы экологиялық мәселені шешу бойынша идея бар ма? Осы байқау аясында сіз "
        "осындай бастаманы іске асыру үшін қолдау ала аласыз. Байқау Еуропалық Одақтың қаржылық қолдауымен "
        "жүзеге асырылады.",
        "У вас есть идея, как решить экологическую проблему вашего сообщества? В рамках этого конкурса вы "
        "можете получить поддержку для её реализации. Конкурс проводится при финансовой поддержке "
        "Европейского Союза.",
        "Do you have an idea for solving an environmental problem in your community? This call can support "
        "you in putting it into practice. The call is financed by the European Union.",
    ),
    # The statement every material of a funded pilot must carry (the EU's visibility rule); the check of
    # uploaded materials searches for it in each language.
    "funding_statement": (
        "Бұл материал Еуропалық Одақтың қаржылық қолдауымен дайындалды",
        "Данный материал подготовлен при финансовой поддержке Европейского союза",
        "This material was produced with the financial support of the European Union",
    ),
    "purpose": (
        "Байқаудың мақсаты – экологиялық мәселелерді шешуге және жергілікті әкімдіктер мен мәслихаттармен "
        "ынтымақтастықты дамытуға бағытталған ҮЕҰ-дың практикалық бастамаларын қолдау.\n\n"
        "Ерекше назар: қоғамның экологиялық мәселелерін шешу; ҮЕҰ-дың ресурстарын, кәсіби дағдылары мен "
        "тәжірибесін нығайту; шешім қабылдау үдерістеріне әйелдер мен жастардың қатысуын көбейту.",
        "Цель конкурса – поддержать практические инициативы НПО, направленные на решение экологических "
        "проблем и развитие сотрудничества с местными акиматами и маслихатами.\n\n"
        "Особое внимание: решение экологических проблем сообществ; укрепление ресурсов, профессиональных "
        "навыков и опыта НПО; более широкое участие женщин и молодёжи в принятии решений.",
        "The call supports practical initiatives of NGOs that solve environmental problems and build "
        "cooperation with local akimats and maslikhats.\n\n"
        "Special attention: solving communities' environmental problems; strengthening NGOs' resources, "
        "skills and experience; more participation of women and youth in decision-making.",
    ),
    "eligibility": (
        "Қазақстан Республикасында тіркелген ҮЕҰ, «ЭкоДиалог» желісінің мүшелері. Ақмола, Алматы және Жетісу "
        "облыстарында жұмыс істейтін ҮЕҰ-ға басымдық беріледі. Бастамашыл топтар ҮЕҰ-мен серіктестікте "
        "қатыса алады. 2–4 ҮЕҰ Консорциумға бірігіп, ынтымақтастық туралы меморандум жасасады және Жетекші "
        "ҮЕҰ-ны таңдайды.",
        "НПО, зарегистрированные в Республике Казахстан, члены сети «ЭкоДиалог». Приоритет – НПО, работающим "
        "в Акмолинской, Алматинской областях и области Жетісу. Инициативные группы участвуют в партнёрстве "
        "с НПО. 2–4 НПО объединяются в консорциум, заключают меморандум о сотрудничестве и выбирают ведущую НПО.",
        "NGOs registered in Kazakhstan that are members of the EcoDialogue network. NGOs working in Akmola, "
        "Almaty and Zhetysu regions have priority. Initiative groups take part in partnership with an NGO. "
        "2–4 NGOs form a consortium, sign a memorandum of cooperation and choose a lead NGO.",
    ),
}

CRITERIA = [
    (
        "пилоттық жобаның өзектілігі мен негізділігі",
        "актуальность и обоснованность пилотного проекта",
        "relevance and justification of the pilot project",
    ),
    (
        "мақсаттар мен күтілетін нәтижелердің айқындығы",
        "ясность целей и ожидаемых результатов",
        "clarity of goals and expected results",
    ),
    (
        "іске асыру жоспары мен оның мерзімдерінің шынайылығы",
        "реалистичность плана реализации и его сроков",
        "realism of the implementation plan and timeline",
    ),
    ("жобалық топтың тәжірибесі", "опыт проектной команды", "experience of the project team"),
    ("бюджеттің негізділігі", "обоснованность бюджета", "justification of the budget"),
    (
        "нәтижелердің тұрақтылығы және ұзақ мерзімді әсері",
        "устойчивость результатов и долгосрочное влияние",
        "sustainability and long-term impact",
    ),
]

CATEGORIES = [
    (
        "events",
        "Іс-шаралар өткізу",
        "Проведение мероприятий",
        "Events",
        "тренингтер, семинарлар, вебинарлар, шеберлік сыныптары",
        "тренинги, семинары, вебинары, мастер-классы",
        "trainings, seminars, webinars, master classes",
    ),
    (
        "infrastructure",
        "Инфрақұрылымды дамыту",
        "Развитие инфраструктуры",
        "Infrastructure",
        "контейнерлер, қалдықтарға арналған жәшіктер",
        "контейнеры, ящики для отходов",
        "containers, waste bins",
    ),
    (
        "materials",
        "Ұсынымдар, талдамалық құжаттар және ақпараттық материалдар",
        "Рекомендации, аналитические документы и информационные материалы",
        "Recommendations, analytical documents and information materials",
        "буклеттер, брошюралар, постерлер, бейнероликтер, әлеуметтік желілердегі жарияланымдар, дизайн мен басып "
        "шығару, БАҚ-та жариялау",
        "буклеты, брошюры, постеры, видеоролики, публикации в социальных сетях, дизайн и печать, публикации в СМИ",
        "booklets, brochures, posters, videos, social media posts, design and printing, media",
    ),
    (
        "administration",
        "Әкімшілік шығыстар",
        "Административные расходы",
        "Administrative costs",
        "жоба командасының еңбекақысы, байланыс қызметтері, көлік шығындары, кеңсе жалдау",
        "оплата труда команды проекта, услуги связи, транспортные расходы, аренда офиса",
        "team salaries, communications, transport, office rent",
    ),
]

DOCUMENTS = [
    (
        "memorandum",
        "Ынтымақтастық туралы меморандум (1-қосымша), барлық қатысушылар қол қойған",
        "Меморандум о сотрудничестве (приложение 1), подписанный всеми участниками",
        "Memorandum of cooperation (Annex 1) signed by all members",
        "consortium",
        True,
        ["pdf"],
    ),
    (
        "registration-certificate",
        "egov.kz порталынан тіркелген заңды тұлға туралы анықтама (ағымдағы күнге)",
        "Справка о зарегистрированном юридическом лице с портала egov.kz (на текущую дату)",
        "Certificate of state registration from egov.kz (current)",
        "member",
        True,
        ["pdf"],
    ),
    (
        "lead-appointment-order",
        "Жетекші ҮЕҰ тағайындау туралы бұйрық",
        "Приказ о назначении ведущей НПО",
        "Order appointing the lead NGO",
        "member",
        True,
        ["pdf"],
    ),
    (
        "cv",
        "Жобалық топтың негізгі мүшелерінің түйіндемелері",
        "Резюме ключевых членов проектной команды",
        "CVs of key team members",
        "member",
        False,
        ["pdf", "docx"],
    ),
    (
        "experience",
        "Тәжірибені растайтын өзге де құжаттар",
        "Иные документы, подтверждающие опыт",
        "Other documents proving experience",
        "member",
        False,
        ["pdf", "docx", "jpeg", "png"],
    ),
]


def _fill(call: Call) -> None:
    for position, (kk, ru, en) in enumerate(CRITERIA):
        Criterion.objects.create(call=call, position=position, name=kk, name_kk=kk, name_ru=ru, name_en=en)
    for position, (code, kk, ru, en, dkk, dru, den) in enumerate(CATEGORIES):
        BudgetCategory.objects.create(
            call=call, position=position, code=code, name=kk, name_kk=kk, name_ru=ru, name_en=en,
            description=dkk, description_kk=dkk, description_ru=dru, description_en=den,
        )  # fmt: skip
    for position, (code, kk, ru, en, scope, required, types) in enumerate(DOCUMENTS):
        RequiredDocument.objects.create(
            call=call, position=position, code=code, name=kk, name_kk=kk, name_ru=ru, name_en=en,
            scope=scope, required=required, file_types=types,
        )  # fmt: skip
    # The seed names the priorities but gives no points: the bonuses are the demo's assumption.
    for position, region in enumerate(("110000000", "190000000", "330000000")):
        if Settlement.objects.filter(code=region).exists():
            Priority.objects.create(
                call=call, kind="region", region_id=region, bonus_points=Decimal("3"), position=position
            )
    for position, slug in enumerate(("waste-management", "climate-change"), start=3):
        theme = Theme.objects.filter(slug=slug).first()
        if theme:
            Priority.objects.create(call=call, kind="theme", theme=theme, bonus_points=Decimal("2"), position=position)
    Priority.objects.create(call=call, kind="women_youth", min_share_percent=50, bonus_points=Decimal("2"), position=5)


def _texts(field: str, suffix: tuple[str, str, str] = ("", "", "")) -> dict:
    kk, ru, en = TEXTS[field]
    return {
        field: kk + suffix[0],
        f"{field}_kk": kk + suffix[0],
        f"{field}_ru": ru + suffix[1],
        f"{field}_en": en + suffix[2],
    }


def seed_calls(*, staff) -> int:
    """Create the two demo calls if they are missing; return how many were created."""
    grant_maker = Organization.objects.filter(
        kind="grant_maker", name_kk="«Тұрақты дамуға жәрдемдесу» орталығы"
    ).first()
    if grant_maker is None:
        return 0
    created = 0
    common = {
        "grant_maker": grant_maker,
        "created_by": staff,
        "application_languages": ["kk", "ru"],
        "network_members_only": True,
        "contact_email": "project@csd-center.kz",
        "contact_phone": "+7 777 255 8421",
        **_texts("summary"),
        **_texts("purpose"),
        **_texts("eligibility"),
    }
    if not Call.objects.filter(code="ecodialogue-2026").exists():
        call = Call.objects.create(
            code="ecodialogue-2026",
            status=Call.Status.CLOSED,
            **_texts("title"),
            **common,
            opens_at=_at(2026, 4, 1),  # assumed: the seed gives no opening date
            questions_until=_at(2026, 4, 20, 23, 59),
            deadline=_at(2026, 6, 1, 23, 59),  # "until 1 June"; the time of day is assumed
            results_at=_at(2026, 6, 25, 12, 0),
            **_texts("funding_statement"),
            reallocation_threshold_percent=Decimal("10"),
        )
        _fill(call)
        Announcement.objects.create(
            call=call, author=staff,
            title="Ақпараттық онлайн-сессия 22 сәуірде", title_kk="Ақпараттық онлайн-сессия 22 сәуірде",
            title_ru="Информационная онлайн-сессия 22 апреля", title_en="Online info session on 22 April",
            body="Ақпараттық онлайн-сессия 2026 жылғы 22 сәуірде өтеді. Ол байқауға қатысу шарттарын түсіндіруге арналған.",
            body_kk="Ақпараттық онлайн-сессия 2026 жылғы 22 сәуірде өтеді. Ол байқауға қатысу шарттарын түсіндіруге арналған.",
            body_ru="Информационная онлайн-сессия пройдёт 22 апреля 2026 года. Она посвящена разъяснению условий участия в конкурсе.",
            body_en="The online info session takes place on 22 April 2026. It explains the conditions of the call.",
        )  # fmt: skip
        Question.objects.create(
            call=call, language="ru", answered_at=_at(2026, 4, 15, 11), answered_by=staff,
            text="Может ли НПО из Костанайской области войти в консорциум?",
            text_ru="Может ли НПО из Костанайской области войти в консорциум?",
            text_kk="Қостанай облысының ҮЕҰ-ы консорциумға кіре ала ма?",
            text_en="May an NGO from Kostanay region join a consortium?",
            answer="Да. Приоритет отдаётся Акмолинской, Алматинской областям и области Жетісу, но участвовать могут НПО всех регионов.",
            answer_ru="Да. Приоритет отдаётся Акмолинской, Алматинской областям и области Жетісу, но участвовать могут НПО всех регионов.",
            answer_kk="Иә. Ақмола, Алматы және Жетісу облыстарына басымдық беріледі, бірақ барлық өңірлердің ҮЕҰ-лары қатыса алады.",
            answer_en="Yes. Akmola, Almaty and Zhetysu regions have priority, but NGOs of every region may take part.",
        )  # fmt: skip
        created += 1
    if not Call.objects.filter(code="ecodialogue-2027").exists():
        now = timezone.now().astimezone(ALMATY)
        today = now.replace(hour=23, minute=59, second=0, microsecond=0)
        call = Call.objects.create(
            code="ecodialogue-2027",
            status=Call.Status.OPEN,
            **_texts("title", (" (2-кезең)", " (2-й этап)", " (round 2)")),
            **common,
            opens_at=(today - datetime.timedelta(days=10)).replace(hour=0, minute=0),
            questions_until=today + datetime.timedelta(days=20),
            deadline=today + datetime.timedelta(days=30),
            results_at=today + datetime.timedelta(days=55),
        )
        _fill(call)
        _seed_consortium(call)
        created += 1
    seed_applications()  # the consortia's applications in both calls, each created once
    seed_evaluation()  # the seed call screened, scored, decided and published in June 2026, once
    from ecodialogue.implementation.demo import seed_implementation

    seed_implementation()  # the five agreements signed in July 2026 and their interim reports, once
    return created


def _seed_consortium(call: Call) -> None:
    """A consortium half-way formed in the open call: the demo lead can carry on (lead@demo.ecodialogue.kz)."""
    from .models import Consortium, ConsortiumMember

    organizations = {o.name_kk: o for o in Organization.objects.filter(kind="ngo")}
    lead = organizations.get("«Жасыл Атбасар» қоғамдық бірлестігі")
    if lead is None:
        return
    head = lead.memberships.filter(role="head").select_related("user").first()
    actor = head.user if head else None
    consortium = Consortium.objects.create(call=call, lead=lead, created_by=actor)
    ConsortiumMember.objects.create(
        consortium=consortium, call=call, organization=lead, is_lead=True, status="accepted", invited_by=actor
    )
    for name, status in (
        ("«Ангел» қоғамдық бірлестігі", "accepted"),
        ("«Жасыл Талдықорған» қоғамдық бірлестігі", "invited"),
    ):
        if name in organizations:
            ConsortiumMember.objects.create(
                consortium=consortium, call=call, organization=organizations[name], status=status, invited_by=actor
            )
