"""Demo projects: the EcoDialogue project itself and its call for pilot projects (seed 000), both EU-funded.

The call's facts (consortia, amounts, duration, priorities, the rule on other
EU programmes) are the seed's; the project's own dates and budget are not in
the seeds, so the project record has none.
"""

from .demo_data import (
    ALMATY,
    ANGEL,
    ATBASAR,
    CSD,
    EU,
    EUR,
    HEJ,
    T,
    project,
)

PROJECTS = [
    project(
        11,
        title=T(
            "«ЭкоДиалог» – мемлекеттік органдармен диалогқа белсенді қатысу және қоршаған ортаны қорғау "
            "саласындағы адам құқықтарын қамтамасыз ету үшін қазақстандық АҚҰ-ларды күшейту",
            "«ЭкоДиалог» – усиление казахстанских организаций гражданского общества для активного участия в "
            "диалоге с государственными органами и обеспечения прав человека в области охраны окружающей среды",
            "EcoDialogue: strengthening Kazakhstani civil society organisations for active participation in "
            "dialogue with state bodies and for human rights in environmental protection",
        ),
        description=T(
            "Еуропалық Одақ қаржыландыратын жобаны «Тұрақты дамуға жәрдемдесу» орталығы (Алматы қ.) Health and "
            "Environment Justice Support e.V. (Дахау қ., Германия) және «Ангел» ҚБ (Атбасар қ.) серіктестігімен "
            "жүзеге асырады. Жоба «ЭкоДиалог» желісінің ҮЕҰ-ларын экологиялық мәселелер бойынша әкімдіктермен "
            "және мәслихаттармен диалогта күшейтеді, «ЭкоДиалог» платформасын жүргізеді және елді мекендердегі "
            "ҮЕҰ консорциумдарының пилоттық жобаларына байқау өткізеді; шешім қабылдау үдерістеріне әйелдер мен "
            "жастардың қатысуына ерекше назар аударылады.",
            "Проект, финансируемый Европейским союзом, реализует Центр содействия устойчивому развитию "
            "(г. Алматы) в партнёрстве с Health and Environment Justice Support e.V. (г. Дахау, Германия) и "
            "общественным объединением «Ангел» (г. Атбасар). Проект укрепляет НПО сети «ЭкоДиалог» в диалоге с "
            "акиматами и маслихатами по экологическим проблемам, поддерживает платформу «ЭкоДиалог» и проводит "
            "конкурс пилотных проектов консорциумов НПО в населённых пунктах, уделяя особое внимание участию "
            "женщин и молодёжи в принятии решений.",
            "The EU-funded project is implemented by the Centre for Sustainable Development Assistance (Almaty) in "
            "partnership with Health and Environment Justice Support e.V. (Dachau, Germany) and the public "
            "association “Angel” (Atbasar). It strengthens the NGOs of the EcoDialogue network in dialogue with "
            "akimats and maslikhats on environmental problems, runs the EcoDialogue platform and a call for pilot "
            "projects of NGO consortia in settlements, with particular attention to the participation of women "
            "and youth in decision-making.",
        ),
        status="2",
        countries=[("KZ", "100")],
        sectors=[("15150", 50), ("41010", 30), ("14050", 20)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[CSD, HEJ, ANGEL],
        locations=[ALMATY, ATBASAR],
        related=[("2", 12)],
        documents=[
            (
                "https://ecodialogue.kz/",
                T("«ЭкоДиалог» платформасы", "Платформа «ЭкоДиалог»", "EcoDialogue platform"),
                ["kk", "ru"],
            )
        ],
    ),  # fmt: skip
    project(
        12,
        title=T(
            "«ЭкоДиалог» байқауы: елді мекендердің экологиялық мәселелерін шешетін ҮЕҰ консорциумдарына қолдау",
            "Конкурс «ЭкоДиалог»: поддержка консорциумов НПО, решающих экологические проблемы населённых пунктов",
            "EcoDialogue call: support for NGO consortia solving environmental problems of settlements",
        ),
        description=T(
            "«ЭкоДиалог» жобасының байқауы: 2–4 ҮЕҰ-дан тұратын консорциумдар әрқайсысы 7 айдан аспайтын 4 "
            "пилоттық жоба арқылы ауылдардың, кенттердің және қалалардың нақты экологиялық мәселелерін "
            "әкімдіктермен және мәслихаттармен бірге шешеді. Байқаудың жалпы бюджеті 60 000 еуроға дейін; бір "
            "консорциум 10 000-нан 12 000 еуроға дейін алады; 5 консорциум таңдалады. Ақмола, Алматы және Жетісу "
            "облыстарының елді мекендеріне, қалдықтарды басқару мен климаттың өзгеруі саласындағы және әйелдер "
            "мен жастардың қатысуын қарастыратын жобаларға басымдық беріледі. Басқа Еуропалық Одақ "
            "бағдарламаларынан қолдау алып отырған немесе бұрын алған пилоттық жобалар қаржыландырылмайды.",
            "Конкурс проекта «ЭкоДиалог»: консорциумы из 2–4 НПО, каждый с четырьмя пилотными проектами "
            "продолжительностью не более 7 месяцев, решают конкретные экологические проблемы сёл, посёлков и "
            "городов вместе с акиматами и маслихатами. Общий бюджет конкурса — до 60 000 евро; консорциум получает "
            "от 10 000 до 12 000 евро; отбирается 5 консорциумов. Приоритет — населённым пунктам Акмолинской, "
            "Алматинской областей и области Жетісу, проектам по управлению отходами и изменению климата и "
            "проектам с участием женщин и молодёжи. Пилотные проекты, которые получают или получали поддержку "
            "других программ Европейского союза, не финансируются.",
            "The call of the EcoDialogue project: consortia of 2–4 NGOs, each with four pilot projects of at most "
            "seven months, solve concrete environmental problems of villages, settlements and towns together with "
            "akimats and maslikhats. Up to EUR 60,000 in total; a consortium receives EUR 10,000–12,000; five "
            "consortia are selected. Priority to settlements of Akmola, Almaty and Zhetysu regions, to waste "
            "management and climate change, and to projects involving women and youth. Pilot projects supported "
            "now or before by another EU programme are not eligible.",
        ),
        status="2",
        # Derived from the call: results on 25 June 2026, then pilot projects of at most seven months.
        dates={"1": "2026-07-01", "3": "2027-01-31"},
        countries=[("KZ", "100")],
        sectors=[("14050", 50), ("41010", 30), ("15150", 20)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[CSD],
        # "Up to EUR 60,000": an indicative budget (BudgetStatus 1) over the pilots' months.
        budgets=[(60000, EUR, "2026-07-01", "2027-01-31", "1")],
        related=[("1", 11)],
        documents=[
            (
                "https://ecodialogue.kz/",
                T("«ЭкоДиалог» платформасы", "Платформа «ЭкоДиалог»", "EcoDialogue platform"),
                ["kk", "ru"],
            )
        ],
    ),  # fmt: skip
]
