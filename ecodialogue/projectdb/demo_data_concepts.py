"""Demo projects in the pipeline: the project concepts the countries prepared with WECOOP 2 in 2018 (seed 002).

In February 2018 the EU–Central Asia Working Group asked for support suited to
each country; in March 2018 the countries named their priority areas (waste
management, air quality, climate change, biodiversity and nature protection)
and proposed project concepts, which WECOOP 2 helped to prepare. The seed
gives no dates, budgets or funders for them: the records have none.
"""

from .demo_data import DUSHANBE, KARAKOL, T, project

WECOOP_SUPPORT = T(
    " Тұжырымдама WECOOP 2-нің жеке қолдауымен дайындалды.",
    " Концепция подготовлена при индивидуальной поддержке WECOOP 2.",
    " The concept was prepared with individual support from WECOOP 2.",
)


def _with_support(text: dict) -> dict:
    return {lang: value + WECOOP_SUPPORT[lang] for lang, value in text.items()}


PROJECTS = [
    project(
        13,
        title=T(
            "Ыстықкөл облысында тұрмыстық қалдықтарды басқару жүйесін әзірлеу (жоба тұжырымдамасы)",
            "Разработка системы управления бытовыми отходами в Иссык-Кульской области (концепция проекта)",
            "Development of a municipal solid waste management system in Issyk-Kul region (project concept)",
        ),
        description=_with_support(
            T(
                "Қырғыз Республикасы ұсынған жоба: ұқсас жобаларға үлгі болатын техникалық-экономикалық негіздеме "
                "(ТЭН) және қоршаған ортаға әсерді бағалау (ҚОӘБ); халықаралық қаржы институттарымен алдын ала "
                "талқылауға арналған құжат әзірленді.",
                "Проект, предложенный Кыргызской Республикой: ТЭО и ОВОС в качестве модели для аналогичных "
                "проектов; разработан документ для предварительного обсуждения с международными финансовыми "
                "институтами.",
                "A project proposed by the Kyrgyz Republic: a feasibility study and an environmental impact "
                "assessment meant as a model for similar projects; a document for preliminary discussion with "
                "international financial institutions has been prepared.",
            )
        ),
        status="1",
        countries=[("KG", "100")],
        sectors=[("14050", 100)],
        markers={"6": 1},
        locations=[KARAKOL],
    ),
    project(
        14,
        title=T(
            "Душанбе мен оған іргелес аудандарда тұрмыстық қалдықтарды басқару жүйесін құру (жоба тұжырымдамасы)",
            "Создание системы управления бытовыми отходами в Душанбе и прилегающих районах (концепция проекта)",
            "Creation of a municipal solid waste management system in Dushanbe and adjacent districts "
            "(project concept)",
        ),
        description=_with_support(
            T(
                "Тәжікстан ұсынған жоба: елордада және оған іргелес аудандарда тұрмыстық қалдықтарды басқару "
                "жүйесін құру; алдын ала талқылауға арналған құжат әзірленді.",
                "Проект, предложенный Таджикистаном: создание системы управления бытовыми отходами в столице и "
                "прилегающих районах; разработан документ для предварительного обсуждения.",
                "A project proposed by Tajikistan: a municipal waste management system for the capital and the "
                "districts around it; a document for preliminary discussion has been prepared.",
            )
        ),
        status="1",
        countries=[("TJ", "100")],
        sectors=[("14050", 100)],
        markers={"6": 1},
        locations=[DUSHANBE],
    ),
    project(
        15,
        title=T(
            "Алматы өңірінде қатты тұрмыстық қалдықтарды басқару жобасы (жобалық идея)",
            "Проект по управлению ТБО в Алматинском регионе (проектная идея)",
            "Municipal solid waste management project in Almaty region (project idea)",
        ),
        description=_with_support(
            T(
                "Қазақстан ұсынған жобалық идеялардың бірі: WECOOP мамандары Алматы өңірінде қатты тұрмыстық "
                "қалдықтарды (ҚТҚ) басқару жобасын дайындауға қолдау көрсетті; Қазақстан тағы 8 жобалық идея "
                "белгіледі.",
                "Одна из проектных идей, предложенных Казахстаном: специалисты WECOOP оказывали поддержку в "
                "подготовке проекта по управлению ТБО в Алматинском регионе; Казахстан обозначил ещё 8 проектных "
                "идей.",
                "One of the project ideas proposed by Kazakhstan: WECOOP specialists supported the preparation of a "
                "municipal solid waste management project in Almaty region; Kazakhstan identified eight further "
                "project ideas.",
            )
        ),
        status="1",
        countries=[("KZ", "100")],
        sectors=[("14050", 100)],
        markers={"6": 1},
    ),
    project(
        16,
        title=T(
            "Ауа сапасын басқаруды жетілдіру — елдерге техникалық көмек жобасы (жоба тұжырымдамасы)",
            "Совершенствование управления качеством воздуха — проект технической помощи странам (концепция проекта)",
            "Improving air quality management: a technical assistance project for the countries (project concept)",
        ),
        description=_with_support(
            T(
                "Жобаның алдын ала сипаттамасы дайындалды. Құрамы: ауа сапасын басқаруға қатысты қолданыстағы "
                "заңнама мен институционалдық құрылымдарға егжей-тегжейлі шолу және олқылықтарды талдау; Ауа "
                "сапасын басқарудың ұлттық стратегиясының жобасын дайындау; пилоттық қалада ауа сапасын басқару "
                "жүйесін жетілдіру, соның ішінде Іс-қимыл жоспарының жобасы; ауа сапасын бақылау жүйесін жетілдіру; "
                "әлеуетті нығайту.",
                "Подготовлен предварительный вариант описания проекта. Состав: детальный обзор и анализ пробелов в "
                "существующем законодательстве и институциональных структурах, касающихся управления качеством "
                "воздуха; подготовка проекта Национальной стратегии управления качеством воздуха; "
                "совершенствование системы управления качеством воздуха в пилотном городе, включая разработку "
                "проекта Плана действий; совершенствование системы контроля качества воздуха; укрепление "
                "потенциала.",
                "A preliminary project description has been prepared. Components: a detailed review and gap "
                "analysis of the legislation and institutions for air quality management; a draft National Air "
                "Quality Management Strategy; better air quality management in a pilot city, including a draft "
                "Action Plan; a better air quality monitoring system; capacity building.",
            )
        ),
        objectives=T(
            "WECOOP 2 2018 жылғы қазанда Қырғызстанның жергілікті сарапшыларына ЕО-дағы ауа сапасын басқару "
            "талаптары мен тәсілдері бойынша оқу семинарын өткізді; 2019 жылы Өзбекстан мен Қазақстанда қайталау "
            "жоспарланды.",
            "WECOOP 2 провёл в октябре 2018 года учебный семинар по требованиям и подходам к управлению качеством "
            "воздуха в ЕС для местных экспертов в Кыргызстане; повторение курсов в Узбекистане и Казахстане "
            "планировалось на 2019 год.",
            "In October 2018 WECOOP 2 held a training on the EU's requirements and approaches to air quality "
            "management for local experts in Kyrgyzstan; repeat courses in Uzbekistan and Kazakhstan were planned "
            "for 2019.",
        ),
        status="1",
        regions=[("619", "100")],
        sectors=[("41010", 70), ("41081", 30)],
    ),
    project(
        17,
        title=T(
            "Қырғыз Республикасының қорық аймақтары персоналының әлеуетін нығайту (жобалық ұсыныс)",
            "Укрепление потенциала персонала заповедных зон Кыргызской Республики (проектное предложение)",
            "Capacity building for the staff of protected areas of the Kyrgyz Republic (project proposal)",
        ),
        description=_with_support(
            T(
                "Жобалық ұсыныстың бірінші нұсқасы әзірленіп, ықтимал бенефициармен келісілді. Негізгі назар "
                "инспекторлар мен орманшыларды оқытуға аударылады; кәсіптік даярлау және сертификаттау жүйесін "
                "құру мен сынауды, ақпараттық материалдар мен жабдықтар беруді қамтиды.",
                "Первый вариант проектного предложения разработан и согласован с потенциальным бенефициаром. "
                "Основное внимание уделяется обучению инспекторов и лесников; включает создание и тестирование "
                "системы профессиональной подготовки и сертификации, предоставление информационных материалов и "
                "оборудования.",
                "A first draft of the proposal has been prepared and agreed with the potential beneficiary. It "
                "focuses on training inspectors and foresters and includes creating and testing a system of "
                "professional training and certification, information materials and equipment.",
            )
        ),
        status="1",
        countries=[("KG", "100")],
        sectors=[("41030", 60), ("41081", 40)],
        markers={"5": 2},
    ),
    project(
        18,
        title=T(
            "Батыс Түрікменстанның қорық аймақтарындағы персоналдың әлеуетін нығайту (жобалық ұсыныс)",
            "Укрепление потенциала персонала в заповедных зонах западного Туркменистана (проектное предложение)",
            "Capacity building for the staff of protected areas in western Turkmenistan (project proposal)",
        ),
        description=_with_support(
            T(
                "Қорық аймақтары қызметкерлерін оқытуға арналған жобалық ұсыныс; ұсынысты әрі қарай пысықтау қажет.",
                "Проектное предложение по обучению сотрудников заповедных зон; предложение нуждается в доработке.",
                "A proposal to train the staff of protected areas; the proposal needs further work.",
            )
        ),
        status="1",
        countries=[("TM", "100")],
        sectors=[("41030", 60), ("41081", 40)],
        markers={"5": 2},
    ),
]
