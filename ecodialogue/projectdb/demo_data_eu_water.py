"""Demo projects funded by the European Union: water, energy and food security, and the water policy dialogues.

Sources are linked from each record; see `demo_data.py` for how dates,
percentages and markers are written.
"""

from .demo_data import (
    ARALSK,
    CAREC,
    CENTRAL_ASIA,
    EU,
    EUR,
    IUCN,
    OECD,
    UNECE,
    WORLD_BANK,
    T,
    project,
)

FIVE = [(code, "20") for code in CENTRAL_ASIA]

PROJECTS = [
    project(
        7,
        title=T(
            "Орталық Азиядағы нексус диалогы: су, энергетика және азық-түлік қауіпсіздігінің өзара байланысы "
            "жөніндегі диалогқа және көпсалалы инвестицияларға жәрдемдесу",
            "Центральноазиатский диалог по нексусу: содействие диалогу по взаимосвязи водной, энергетической и "
            "продовольственной безопасности и многосекторальным инвестициям",
            "Central Asia Nexus Dialogue: fostering water, energy and food security nexus dialogue and "
            "multi-sector investment",
        ),
        description=T(
            "ЕО-ның «Нексус диалогтары» жаһандық бағдарламасының бөлігі (2016 жылғы желтоқсан – 2019 жылғы "
            "желтоқсан, 1,3 млн еуро). CAREC Халықаралық табиғатты қорғау одағымен (IUCN) бірге Аралды құтқарудың "
            "халықаралық қоры Атқарушы комитетінің қолдауымен жүзеге асырды. Жоба ұлттық және өңірлік деңгейде "
            "салааралық диалогты дамытып, сегіз өңірлік жобалық идеядан тұратын инвестициялық портфельді және "
            "Арал теңізі бассейнінің төртінші бағдарламасын дайындауға көмектесті.",
            "Часть глобальной программы ЕС «Диалоги по нексусу» (декабрь 2016 – декабрь 2019 г., 1,3 млн евро). "
            "Реализовывался РЭЦЦА совместно с МСОП при поддержке Исполкома Международного фонда спасения Арала. "
            "Проект развивал межсекторальный диалог на национальном и региональном уровнях и помог подготовить "
            "инвестиционный портфель из восьми региональных проектных идей и четвёртую Программу бассейна "
            "Аральского моря.",
            "Part of the EU's global Nexus Dialogues programme (December 2016 – December 2019, EUR 1.3 million), "
            "implemented by CAREC with IUCN and the support of the Executive Committee of the International Fund "
            "for Saving the Aral Sea. It fostered multi-sector dialogue nationally and regionally and helped "
            "prepare an investment portfolio of eight regional project ideas and the fourth Aral Sea Basin "
            "Programme.",
        ),
        status="4",
        dates={"2": "2016-12-01", "4": "2019-12-31"},
        countries=FIVE,
        sectors=[("14010", 40), ("23110", 30), ("31140", 30)],
        markers={"6": 1, "7": 1},
        funders=[EU],
        implementers=[CAREC, IUCN],
        budgets=[(1300000, EUR, "2016-12-01", "2019-12-31")],
        related=[("3", 8)],
        documents=[
            (
                "https://carececo.org/en/main/activity/projects/tsentralno-aziatskiy-dialog-po-ispolzovaniyu-"
                "vozmozhnostey-mnogosektoralnogo-finansirovaniya-putem-u/",
                T("CAREC: жоба туралы", "РЭЦЦА: о проекте", "CAREC: about the project"),
                ["en"],
            )
        ],
    ),
    project(
        8,
        title=T(
            "Орталық Азиядағы нексус диалогы, екінші кезең",
            "Центральноазиатский диалог по нексусу, второй этап",
            "Central Asia Nexus Dialogue, phase II",
        ),
        description=T(
            "Екінші кезең (2020 жылғы маусым – 2023 жылғы мамыр) «су – энергетика – азық-түлік» тәсілін іс жүзінде "
            "қолдануға және оны ұлттық және өңірлік басқару құрылымдарына әрі инвестициялық шешімдерге енгізуге "
            "арналды: Қазақстанда Арал теңізінің құрғаған табанын орманды алқапқа айналдыру, Тәжікстандағы "
            "ұлттық демонстрациялық жоба және Түрікменстан мен Өзбекстанның Тұямұйын гидроторабындағы "
            "трансшекаралық жоба (Русловое су қоймасының лайлануы, климаттық тәуекелдер), сондай-ақ инвестициялық "
            "ұсыныстар дайындау.",
            "Второй этап (июнь 2020 – май 2023 г.) был посвящён практическому применению подхода «вода – "
            "энергия – продовольствие» и его институционализации в национальных и региональных структурах "
            "управления и при принятии инвестиционных решений: облесение осушенного дна Аральского моря в "
            "Казахстане, национальный демонстрационный проект в Таджикистане и трансграничный проект на "
            "Туямуюнском гидроузле Туркменистана и Узбекистана (заиление Русловского водохранилища, климатические "
            "риски), а также подготовка инвестиционных предложений.",
            "The second phase (June 2020 – May 2023) applied the water–energy–food nexus approach in practice and "
            "worked to institutionalise it in national and regional governance and investment decisions: "
            "afforestation of the dried bed of the Aral Sea in Kazakhstan, a national demonstration project in "
            "Tajikistan and a transboundary one at the Tuyamuyun hydro complex of Turkmenistan and Uzbekistan "
            "(sedimentation of the Ruslovoye reservoir, climate risks), and investment-ready proposals.",
        ),
        status="4",
        dates={"2": "2020-06-01", "4": "2023-05-31"},
        countries=FIVE,
        sectors=[("14010", 40), ("31220", 30), ("23110", 30)],
        markers={"7": 2, "8": 1},
        funders=[EU],
        implementers=[CAREC],
        locations=[ARALSK],
        related=[("3", 7)],
        documents=[
            (
                "https://www.water-energy-food.org/nexus-regional-dialogue-in-central-asia",
                T("Нексус диалогы", "Диалог по нексусу", "Nexus Regional Dialogue"),
                ["en"],
            )
        ],
    ),
    project(
        9,
        title=T(
            "ЕО-ның Орталық Азия су және энергетика бағдарламасына (CAWEP) қосқан үлесі",
            "Вклад ЕС в Центральноазиатскую программу по водным ресурсам и энергетике (CAWEP)",
            "EU contribution to the Central Asia Water and Energy Program (CAWEP)",
        ),
        description=T(
            "2019 жылғы 23 мамырда Нұр-Сұлтанда Еуропалық Одақ пен Дүниежүзілік банк ЕО-ның «Қоршаған орта, су "
            "ресурстары және энергетика саласындағы тұрақты даму» іс-шарасы (ACA/2018/040-953) аясында CAWEP "
            "үшін 7 млн еуро грант туралы келісімге қол қойды. Грант білім алмасу, талдамалық жұмыс, саясат "
            "бойынша кеңес беру және жобаларды дайындау арқылы Орталық Азияның су және энергетикалық "
            "қауіпсіздігін нығайтуға арналған.",
            "23 мая 2019 года в Нур-Султане Европейский союз и Всемирный банк подписали соглашение о гранте в "
            "7 млн евро для CAWEP в рамках действия ЕС «Устойчивое развитие в области окружающей среды, водных "
            "ресурсов и энергетики» (ACA/2018/040-953). Грант направлен на укрепление водной и энергетической "
            "безопасности Центральной Азии через обмен знаниями, аналитическую работу, консультирование по "
            "вопросам политики и подготовку проектов.",
            "On 23 May 2019 in Nur-Sultan the European Union and the World Bank signed a EUR 7 million grant to "
            "CAWEP under the EU action 'Sustainable Environment, Water and Energy Development' (ACA/2018/040-953), "
            "to strengthen water and energy security in Central Asia through knowledge exchange, analytical work, "
            "policy advice and project preparation.",
        ),
        countries=[*CENTRAL_ASIA, "AF"],
        sectors=[("14010", 50), ("23110", 50)],
        markers={"7": 1},
        funders=[EU],
        implementers=[WORLD_BANK],
        transactions=[("2", "2019-05-23", 7000000, EUR, EU, WORLD_BANK)],
        related=[("1", 22)],
        documents=[
            (
                "https://strategeast.org/u-world-bank-sign-e7-million-grant-agreement-to-support-water-and-energy-"
                "security-in-central-asia",
                T("Грант туралы хабар", "Сообщение о гранте", "News of the grant"),
                ["en"],
            )
        ],
    ),
    project(
        10,
        title=T(
            "ЕО Су бастамасы: Қазақстандағы су саясаты жөніндегі ұлттық диалог",
            "Водная инициатива ЕС: Национальный диалог по водной политике в Казахстане",
            "EU Water Initiative: National Policy Dialogue on water in Kazakhstan",
        ),
        description=T(
            "2002 жылы басталған ЕО Су бастамасы аясында БҰҰ ЕЭК пен ЭЫДҰ су ресурстарын кешенді басқару және "
            "сумен жабдықтау мен санитария саясаты жөніндегі ұлттық диалогтарға жәрдемдеседі. Қазақстанда диалог "
            "2012 жылдан бері жүргізіледі: Ведомствоаралық үйлестіру кеңесі трансшекаралық ынтымақтастықты, "
            "бөгеттердің қауіпсіздігін, 2020–2030 жылдарға арналған су ресурстарын басқару бағдарламасының "
            "тұжырымдамасын және БҰҰ ЕЭК мен ДДСҰ/Еуропаның Су және денсаулық жөніндегі хаттамасына қосылуды "
            "талқылайды.",
            "В рамках Водной инициативы ЕС, начатой в 2002 году, ЕЭК ООН и ОЭСР содействуют национальным диалогам "
            "по политике в области интегрированного управления водными ресурсами и водоснабжения и санитарии. "
            "В Казахстане диалог ведётся с 2012 года: Межведомственный координационный совет обсуждает "
            "трансграничное сотрудничество, безопасность плотин, Концепцию программы управления водными "
            "ресурсами на 2020–2030 годы и присоединение к Протоколу ЕЭК ООН и ВОЗ/Европа по проблемам воды и "
            "здоровья.",
            "Under the EU Water Initiative, launched in 2002, UNECE and the OECD facilitate National Policy "
            "Dialogues on integrated water resources management and on water supply and sanitation. Kazakhstan "
            "has held its dialogue since 2012: an Interministerial Coordination Council discusses transboundary "
            "cooperation, dam safety, the concept of the Water Resources Management Programme 2020–2030 and "
            "accession to the UNECE–WHO/Europe Protocol on Water and Health.",
        ),
        status="2",
        dates={"2": "2012-01-01"},
        countries=[("KZ", "100")],
        sectors=[("14010", 70), ("14021", 30)],
        markers={"7": 1},
        funders=[EU],
        implementers=[UNECE, OECD],
        documents=[
            (
                "http://www.unece.org/es/env/water/npd.html",
                T("Ұлттық диалогтар", "Национальные диалоги", "National Policy Dialogues"),
                ["en"],
            ),
        ],
    ),  # fmt: skip
]
