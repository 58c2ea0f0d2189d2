"""Demo content for `manage.py load_demo`: original text, real sources."""

import datetime

CATEGORIES = [
    # parent is the slug of another category in this list, or None; position is display order
    {
        "slug": "diseases",
        "name": "Diseases",
        "description": "Clear explanations of common conditions: what causes them, how they show up "
        "and how they are treated.",
        "parent": None,
        "position": 1,
    },
    {
        "slug": "heart-health",
        "name": "Heart health",
        "description": "Blood pressure, the heart and blood vessels, and the everyday habits that protect them.",
        "parent": "diseases",
        "position": 2,
    },
    {
        "slug": "diabetes",
        "name": "Diabetes",
        "description": "Type 1 and type 2 diabetes: how they develop, how they are found and how to live well with them.",
        "parent": "diseases",
        "position": 3,
        "condition": "Diabetes mellitus",
    },
    {
        "slug": "nutrition",
        "name": "Nutrition",
        "description": "Evidence-based guidance on food, nutrients and eating patterns for every stage of life.",
        "parent": None,
        "position": 3,
    },
    {
        "slug": "mental-health",
        "name": "Mental health",
        "description": "Understanding mood, worry and stress, and where to find effective help.",
        "parent": None,
        "position": 4,
    },
    {
        "slug": "childrens-health",
        "name": "Children's health",
        "description": "Practical, reviewed information for parents and carers, from vaccinations "
        "to everyday infections.",
        "parent": None,
        "position": 5,
    },
    {
        "slug": "healthy-living",
        "name": "Healthy living",
        "description": "Sleep, movement and daily routines that add up to better health over time.",
        "parent": None,
        "position": 6,
    },
]

AUTHORS = [
    # the FIRST author is linked to the demo writer's login
    {
        "slug": "nadia-prasetyo",
        "name": "Nadia Prasetyo",
        "credentials": "Health writer, MSc Public Health",
        "bio": "Nadia writes about long-term conditions and infectious diseases. Before joining the editorial team she "
        "worked on community health programmes, and she likes turning guidelines into advice people can act on.",
    },
    {
        "slug": "daniel-okafor",
        "name": "Daniel Okafor",
        "credentials": "Medical journalist, BSc Biomedical Science",
        "bio": "Daniel covers mental health and healthy living. He has a background in laboratory science and a "
        "particular interest in explaining what research studies can and cannot tell us.",
    },
    {
        "slug": "sofia-lindqvist",
        "name": "Sofia Lindqvist",
        "credentials": "Nutrition writer, BSc Nutrition and Dietetics",
        "bio": "Sofia writes about food, nutrition and family health. She focuses on small, realistic changes and on "
        "making sure advice works for different budgets and food cultures.",
    },
]

REVIEWERS = [
    # the FIRST reviewer is linked to the demo medical reviewer's login
    {
        "slug": "aisyah-rahmawati",
        "name": "dr Aisyah Rahmawati",
        "credentials": "MD, Internal medicine",
        "registration_number": "STR-3174-2016-0187",
        "bio": "dr Aisyah Rahmawati is an internist with more than ten years of experience in outpatient care for "
        "diabetes, high blood pressure and infectious diseases. She reviews articles on diseases, nutrition and "
        "healthy living.",
    },
    {
        "slug": "kwame-mensah",
        "name": "dr Kwame Mensah",
        "credentials": "MD, Psychiatry",
        "registration_number": "STR-3273-2014-0512",
        "bio": "dr Kwame Mensah is a psychiatrist working in community mental health services. He reviews our articles "
        "on depression, anxiety and sleep, with an eye on clear and non-stigmatising language.",
    },
    {
        "slug": "elena-varga",
        "name": "dr Elena Varga",
        "credentials": "MD, Paediatrics",
        "registration_number": "STR-3175-2018-0093",
        "bio": "dr Elena Varga is a paediatrician with a special interest in immunisation and preventive care. She "
        "reviews articles on children's health and family wellbeing.",
    },
]

ARTICLES = [
    {
        "slug": "type-2-diabetes",
        "title": "Type 2 diabetes: causes, symptoms and how to lower your risk",
        "category": "diabetes",
        "author": "nadia-prasetyo",
        "reviewer": "aisyah-rahmawati",
        "status": "published",
        "summary": "Type 2 diabetes develops when the body stops using insulin well. Learn the risk factors, the "
        "symptoms to watch for, and the lifestyle changes shown to delay or prevent it.",
        "image_alt": "Abstract illustration for the article on type 2 diabetes",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Type 2 diabetes is a long-term condition in which the body does not use insulin properly, so sugar (glucose) stays in the blood instead of moving into the cells that need it for energy. It is the most common type of diabetes, and the number of people living with it has grown steadily over recent decades <sup>[1]</sup>.</p>
<h2>What causes type 2 diabetes?</h2>
<p>Insulin is a hormone made by the pancreas. In type 2 diabetes, the body's cells stop responding normally to insulin, which is known as insulin resistance. The pancreas tries to make up for it, but over time it may not produce enough insulin to keep blood sugar in a healthy range <sup>[2]</sup>. Your chance of developing the condition is higher if you:</p>
<ul>
<li>have prediabetes, meaning your blood sugar is raised but not yet in the diabetes range</li>
<li>are overweight</li>
<li>are 45 or older</li>
<li>have a parent, brother or sister with type 2 diabetes</li>
<li>are physically active fewer than three times a week</li>
<li>have had diabetes during pregnancy (gestational diabetes)</li>
</ul>
<h2>Symptoms to look out for</h2>
<p>Type 2 diabetes often develops slowly, and many people have no noticeable symptoms for years. This is why it is often picked up on a routine blood test <sup>[2]</sup>. When symptoms do appear, they can include:</p>
<ul>
<li>passing urine more often, especially at night</li>
<li>feeling very thirsty</li>
<li>tiredness</li>
<li>blurred vision</li>
<li>losing weight without trying</li>
<li>numbness or tingling in the hands or feet</li>
<li>cuts and sores that are slow to heal</li>
</ul>
<h2>Why blood sugar control matters</h2>
<p>Years of high blood sugar can damage blood vessels and nerves. Over time this raises the risk of heart attack, stroke and kidney failure, and it can harm the eyes and the feet <sup>[1]</sup>. Treatment combines healthy eating and regular physical activity with medicines that lower blood sugar when they are needed. Regular check-ups help find problems early, when they are easier to treat.</p>
<h2>Can type 2 diabetes be prevented?</h2>
<p>For many people at risk it can be prevented or delayed. In the Diabetes Prevention Program, a large trial in the United States, adults with raised blood sugar joined a lifestyle programme that aimed for a weight loss of about 7% and at least 150 minutes of physical activity each week. Over an average of almost three years, they developed diabetes 58% less often than people given a placebo. The medicine metformin lowered the risk by 31%, so lifestyle change worked better <sup>[3]</sup>. Steps that help include <sup>[1]</sup>:</p>
<ol>
<li>Reaching and keeping a healthy body weight.</li>
<li>Staying active, for example with a brisk walk most days.</li>
<li>Eating a healthy diet that is lower in sugar and saturated fat.</li>
<li>Not smoking.</li>
</ol>
<h2>When to see a doctor</h2>
<p>Ask for a blood sugar test if you notice any of the symptoms above, or if you have risk factors such as prediabetes or a family history, even if you feel well <sup>[2]</sup>. If you already have diabetes, keep your regular appointments and speak to your care team if your readings are often higher than your target.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Diabetes",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/diabetes",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "About type 2 diabetes",
                "publisher": "Centers for Disease Control and Prevention",
                "publication_year": None,
                "url": "https://www.cdc.gov/diabetes/about/about-type-2-diabetes.html",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Knowler WC, Barrett-Connor E, Fowler SE, et al.",
                "title": "Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin",
                "publisher": "New England Journal of Medicine",
                "publication_year": 2002,
                "url": "https://doi.org/10.1056/NEJMoa012512",
                "doi": "10.1056/NEJMoa012512",
                "pmid": "11832527",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "high-blood-pressure",
        "title": "High blood pressure: why a silent condition deserves attention",
        "category": "heart-health",
        "author": "nadia-prasetyo",
        "reviewer": "aisyah-rahmawati",
        "status": "published",
        "summary": "High blood pressure rarely causes symptoms but strains the heart, brain and kidneys. Here is what "
        "the numbers mean, who is at risk, and how diet, activity and medicines bring it down.",
        "image_alt": "Abstract illustration for the article on high blood pressure",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Blood pressure is the force of blood pushing against the walls of your arteries each time the heart pumps. When it stays too high for a long time, a condition called hypertension, it quietly puts extra strain on the heart, blood vessels, brain and kidneys. Hypertension is very common around the world, and many people who have it are not aware of it <sup>[1]</sup>.</p>
<h2>Understanding the numbers</h2>
<p>A blood pressure reading has two numbers. The first (systolic) is the pressure when your heart beats; the second (diastolic) is the pressure when it rests between beats. The World Health Organization diagnoses hypertension when readings taken on two different days are 140/90 mmHg or higher <sup>[1]</sup>. The NHS describes an ideal reading for most adults as between 90/60 mmHg and 120/80 mmHg <sup>[2]</sup>.</p>
<h2>A condition you usually cannot feel</h2>
<p>Most people with high blood pressure have no symptoms at all. Symptoms such as headaches or blurred vision tend to appear only when blood pressure is very high <sup>[1]</sup>. The only way to know your blood pressure is to have it measured, for example by a nurse, at a pharmacy or at home with a monitor <sup>[2]</sup>. Without treatment, high blood pressure raises the risk of heart attack, stroke, heart failure and kidney damage <sup>[1]</sup>.</p>
<h3>Who is more at risk?</h3>
<ul>
<li>older people and those with a family history of high blood pressure</li>
<li>people whose diet is high in salt and low in fruit and vegetables</li>
<li>people who are physically inactive or overweight</li>
<li>people who smoke or drink a lot of alcohol</li>
<li>people with diabetes or kidney disease</li>
</ul>
<h2>Lifestyle changes that lower blood pressure</h2>
<p>What you eat makes a measurable difference. In the DASH-Sodium trial, eating a diet rich in vegetables, fruit and low-fat dairy foods lowered blood pressure, and so did eating less salt. Doing both together lowered it the most, and the fall was largest in people who already had hypertension <sup>[3]</sup>. Other helpful steps are:</p>
<ol>
<li>Eating less than 5 g of salt a day, as WHO advises for adults <sup>[1]</sup>.</li>
<li>Being physically active on most days of the week.</li>
<li>Keeping to a healthy weight.</li>
<li>Cutting down on alcohol and stopping smoking <sup>[2]</sup>.</li>
</ol>
<h2>Medicines and treatment targets</h2>
<p>Many people also need medicine. Common options include ACE inhibitors, angiotensin receptor blockers, calcium channel blockers and thiazide-type diuretics, and some people need more than one <sup>[1]</sup>. How low to aim is decided with your doctor. In the SPRINT trial, adults at high risk of heart disease (but without diabetes) who were treated to a systolic target below 120 mmHg had fewer major heart and circulation events and fewer deaths than those treated to below 140 mmHg. They also had more side effects, such as low blood pressure, fainting and kidney problems <sup>[4]</sup>. This balance of benefit and harm is why targets are set individually.</p>
<h2>When to see a doctor</h2>
<p>Adults over 40 should have their blood pressure checked at least every five years, and more often if a reading has been high before <sup>[2]</sup>. If you have high blood pressure and develop a severe headache, chest pain, difficulty breathing, dizziness, confusion or changes in your vision, seek medical care immediately <sup>[1]</sup>.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Hypertension",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/hypertension",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "High blood pressure (hypertension)",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/conditions/high-blood-pressure-hypertension/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Sacks FM, Svetkey LP, Vollmer WM, et al.",
                "title": "Effects on blood pressure of reduced dietary sodium and the Dietary Approaches to Stop "
                "Hypertension (DASH) diet",
                "publisher": "New England Journal of Medicine",
                "publication_year": 2001,
                "url": "https://doi.org/10.1056/NEJM200101043440101",
                "doi": "10.1056/NEJM200101043440101",
                "pmid": "11136953",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "SPRINT Research Group, Wright JT Jr, Williamson JD, Whelton PK, et al.",
                "title": "A randomized trial of intensive versus standard blood-pressure control",
                "publisher": "New England Journal of Medicine",
                "publication_year": 2015,
                "url": "https://doi.org/10.1056/NEJMoa1511939",
                "doi": "10.1056/NEJMoa1511939",
                "pmid": "26551272",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "dengue-fever",
        "title": "Dengue fever: symptoms, warning signs and prevention",
        "category": "diseases",
        "author": "nadia-prasetyo",
        "reviewer": "aisyah-rahmawati",
        "status": "published",
        "summary": "Dengue is a mosquito-borne viral infection that is usually mild but can turn severe. Learn the "
        "symptoms, the warning signs that need urgent care, safe home treatment and how to avoid bites.",
        "image_alt": "Abstract illustration for the article on dengue fever",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Dengue is a viral infection that people catch from the bite of an infected <em>Aedes</em> mosquito. It is common in tropical and subtropical regions, particularly in towns and cities, and the number of reported cases has risen sharply in recent decades <sup>[1]</sup>. A widely cited modelling study estimated about 390 million dengue infections worldwide each year, of which around 96 million caused noticeable illness <sup>[3]</sup>.</p>
<h2>Symptoms</h2>
<p>Most people who are infected have no symptoms or only a mild illness. When symptoms occur, they usually begin 4 to 10 days after the bite and last 2 to 7 days <sup>[1]</sup>. The most common symptom is fever, together with one or more of the following <sup>[2]</sup>:</p>
<ul>
<li>aches and pains, especially behind the eyes and in the muscles, joints or bones</li>
<li>nausea and vomiting</li>
<li>a rash</li>
</ul>
<p>Mild dengue is easy to confuse with other illnesses that cause fever. A blood test is the only way to confirm it <sup>[2]</sup>.</p>
<h2>Warning signs of severe dengue</h2>
<p>Some people go on to develop severe dengue, which can lead to shock, internal bleeding and death. The warning signs usually start in the 24 to 48 hours after the fever has gone away, so a falling temperature does not always mean you are getting better <sup>[2]</sup>. Go to a clinic or emergency department straight away if you or a family member has:</p>
<ul>
<li>pain or tenderness in the belly</li>
<li>vomiting at least three times in 24 hours</li>
<li>bleeding from the nose or gums</li>
<li>blood in vomit or stools</li>
<li>extreme tiredness or restlessness</li>
</ul>
<p>People who catch dengue for a second time are at greater risk of severe illness <sup>[1]</sup>.</p>
<h2>Treatment and care at home</h2>
<p>There is no specific medicine that cures dengue. Care focuses on rest, drinking plenty of fluids, and easing fever and pain with paracetamol (acetaminophen). Avoid aspirin and anti-inflammatory painkillers such as ibuprofen, because they can make bleeding more likely. Severe dengue often needs treatment in hospital <sup>[1]</sup>.</p>
<h2>Preventing mosquito bites</h2>
<p>The mosquitoes that spread dengue bite mainly during the day and breed in standing water around homes <sup>[1]</sup>. To protect your household:</p>
<ol>
<li>Empty, clean or cover containers that hold water, such as buckets, flower pots and water storage tanks, every week.</li>
<li>Wear clothes that cover as much of your skin as possible.</li>
<li>Use insect repellent, window screens, and mosquito nets if you sleep during the day.</li>
<li>Ask your local health service whether a dengue vaccine is recommended where you live.</li>
</ol>
<h2>When to see a doctor</h2>
<p>See a health worker if you have symptoms of dengue and live in, or have recently travelled to, an area where dengue occurs <sup>[2]</sup>. If any warning sign appears, get care immediately rather than waiting to see whether it passes: severe dengue can become life-threatening within a few hours <sup>[2]</sup>.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Dengue and severe dengue",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/dengue-and-severe-dengue",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Symptoms of dengue and testing",
                "publisher": "Centers for Disease Control and Prevention",
                "publication_year": None,
                "url": "https://www.cdc.gov/dengue/signs-symptoms/index.html",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Bhatt S, Gething PW, Brady OJ, et al.",
                "title": "The global distribution and burden of dengue",
                "publisher": "Nature",
                "publication_year": 2013,
                "url": "https://doi.org/10.1038/nature12060",
                "doi": "10.1038/nature12060",
                "pmid": "23563266",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "iron-deficiency-anaemia",
        "title": "Iron-deficiency anaemia: causes, symptoms and treatment",
        "category": "nutrition",
        "author": "sofia-lindqvist",
        "reviewer": "aisyah-rahmawati",
        "status": "published",
        "summary": "Low iron is one of the most common causes of anaemia worldwide. Find out why iron runs low, which "
        "symptoms to look for, how it is treated and which foods help keep your levels up.",
        "image_alt": "Abstract illustration for the article on iron-deficiency anaemia",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Anaemia means that your blood has fewer healthy red blood cells, or less haemoglobin, than your body needs. Haemoglobin is the iron-containing protein that carries oxygen around the body, so when it is low, your organs and muscles get less oxygen. Anaemia is a major global health problem that especially affects young children, adolescent girls and women who menstruate, and pregnant women. Iron deficiency is its most common nutritional cause <sup>[1]</sup>.</p>
<h2>Why iron runs low</h2>
<p>Most of the iron the body needs each day is recycled from old red blood cells. Only a small amount, about 1 to 2 mg a day, is absorbed from food, so extra losses or extra needs can easily tip the balance <sup>[3]</sup>. Common reasons include <sup>[2]</sup>:</p>
<ul>
<li>heavy periods</li>
<li>pregnancy</li>
<li>bleeding in the stomach or bowel, for example from an ulcer or from taking anti-inflammatory painkillers</li>
<li>not getting enough iron from your diet</li>
<li>conditions that make it harder to absorb iron, such as coeliac disease</li>
</ul>
<p>In many parts of the world, infections such as malaria and parasitic worms also contribute to anaemia <sup>[1]</sup>.</p>
<h2>Signs and symptoms</h2>
<p>Iron-deficiency anaemia can cause <sup>[2]</sup>:</p>
<ul>
<li>tiredness and a lack of energy</li>
<li>shortness of breath</li>
<li>a noticeable, fast or pounding heartbeat (palpitations)</li>
<li>pale skin</li>
<li>less often, headaches, a sore tongue, hair loss or cravings to eat non-food items such as ice</li>
</ul>
<h2>Diagnosis and treatment</h2>
<p>A blood test can show whether your haemoglobin and iron stores are low. Because iron deficiency is a sign that something has upset the body's balance, a doctor will also look for the cause, particularly any hidden blood loss <sup>[3]</sup>.</p>
<p>Treatment is usually iron tablets taken every day for several months. They can cause side effects such as constipation or diarrhoea, tummy pain, feeling sick and black stools <sup>[2]</sup>. If tablets are not tolerated or do not work well enough, iron can be given directly into a vein <sup>[3]</sup>.</p>
<h2>Eating for healthy iron levels</h2>
<p>Foods that provide iron include <sup>[2]</sup>:</p>
<ul>
<li>dark green leafy vegetables such as watercress and kale</li>
<li>breakfast cereals and bread with added iron</li>
<li>meat</li>
<li>dried fruit such as apricots and raisins</li>
<li>beans, peas and lentils</li>
</ul>
<p>Large amounts of tea, coffee and milk can make it harder for your body to absorb iron, so it helps not to have them with iron-rich meals <sup>[2]</sup>.</p>
<h2>When to see a doctor</h2>
<p>See a doctor if you have symptoms of anaemia <sup>[2]</sup>. This matters even more if you have heavy periods, are pregnant, or have noticed any unexplained bleeding. Check with a doctor before taking iron supplements for a long time: the cause of the deficiency needs to be found, and too much iron can be harmful <sup>[3]</sup>.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Anaemia",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/anaemia",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Iron deficiency anaemia",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/conditions/iron-deficiency-anaemia/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Camaschella C.",
                "title": "Iron-deficiency anemia",
                "publisher": "New England Journal of Medicine",
                "publication_year": 2015,
                "url": "https://doi.org/10.1056/NEJMra1401038",
                "doi": "10.1056/NEJMra1401038",
                "pmid": "25946282",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "depression",
        "title": "Depression: signs, causes and effective treatments",
        "category": "mental-health",
        "author": "daniel-okafor",
        "reviewer": "kwame-mensah",
        "status": "published",
        "summary": "Depression is a common, treatable condition, not a personal weakness. Learn to recognise the "
        "signs, understand what raises the risk, and find out how talking therapies and medicines help.",
        "image_alt": "Abstract illustration for the article on depression",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Everyone feels sad or flat from time to time. Depression is different: it is a common mental health condition in which a low mood or a loss of interest in life lasts for weeks and affects how a person thinks, feels and manages everyday tasks. It can affect anyone, and effective treatments are available <sup>[1]</sup>.</p>
<h2>Signs of depression</h2>
<p>Doctors usually consider depression when symptoms have been present for most of the day, nearly every day, for at least two weeks <sup>[2]</sup>. Signs include:</p>
<ul>
<li>a persistent sad, anxious or "empty" mood</li>
<li>losing interest or pleasure in hobbies and activities</li>
<li>feeling hopeless, guilty, worthless or helpless</li>
<li>tiredness and low energy</li>
<li>sleeping too little or too much, and changes in appetite or weight</li>
<li>difficulty concentrating, remembering or making decisions</li>
<li>thoughts of death or suicide</li>
</ul>
<p>Depression can also show itself through the body, with aches, headaches or digestive problems that have no clear physical cause <sup>[2]</sup>.</p>
<h2>What causes it?</h2>
<p>There is rarely one single cause. Depression results from a mix of social, psychological and biological factors. People who have been through difficult life events, such as losing a job, bereavement or trauma, are more likely to develop it. Depression is also closely linked with physical health: living with a long-term illness can make depression more likely, and depression can make other conditions harder to manage <sup>[1]</sup>.</p>
<h2>Treatment works</h2>
<p>Psychological treatments are a central part of care. Approaches such as behavioural activation, cognitive behavioural therapy and interpersonal psychotherapy help people change unhelpful patterns of thinking and behaviour and rebuild daily routines <sup>[1]</sup>.</p>
<p>Antidepressant medicines are another option for adults. A large analysis that combined more than 500 clinical trials found that all 21 antidepressants studied worked better than a placebo for adults with major depression, although they differed in how effective they were and in how well people tolerated them <sup>[3]</sup>. Depression is often treated with talking therapy, medicine or a combination of the two. Antidepressants usually take several weeks to work, and they should not be stopped without first talking to a health professional <sup>[2]</sup>.</p>
<h2>Looking after yourself alongside treatment</h2>
<p>Self-care cannot replace treatment, but it can support recovery <sup>[1]</sup>:</p>
<ul>
<li>keep doing activities you used to enjoy, even in small doses</li>
<li>stay in touch with friends and family</li>
<li>be active, even if it is only a short walk</li>
<li>keep to regular times for eating and sleeping</li>
<li>avoid or cut down on alcohol, and avoid illicit drugs, which can make depression worse</li>
</ul>
<h2>When to see a doctor</h2>
<p>Talk to a doctor if a low mood or loss of interest has lasted for two weeks or more, or is making it hard to work, study or look after yourself. If you are thinking about harming yourself or ending your life, or you are worried about someone who is, get help straight away: call your local emergency number, go to the nearest emergency department or contact a crisis line <sup>[2]</sup>.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Depressive disorder (depression)",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/depression",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Depression",
                "publisher": "National Institute of Mental Health",
                "publication_year": None,
                "url": "https://www.nimh.nih.gov/health/topics/depression",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Cipriani A, Furukawa TA, Salanti G, et al.",
                "title": "Comparative efficacy and acceptability of 21 antidepressant drugs for the acute treatment of "
                "adults with major depressive disorder: a systematic review and network meta-analysis",
                "publisher": "The Lancet",
                "publication_year": 2018,
                "url": "https://doi.org/10.1016/S0140-6736(17)32802-7",
                "doi": "10.1016/S0140-6736(17)32802-7",
                "pmid": "29477251",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "anxiety-disorders",
        "title": "Anxiety disorders: when worry takes over",
        "category": "mental-health",
        "author": "daniel-okafor",
        "reviewer": "kwame-mensah",
        "status": "in_review",
        "summary": "Anxiety disorders are the most common mental health conditions, and they are very treatable. Learn "
        "the main types, how anxiety affects body and mind, and what therapy, medicine and self-help offer.",
        "image_alt": "Abstract illustration for the article on anxiety disorders",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Feeling nervous before an exam, a job interview or a medical test is normal, and a little anxiety can even help you focus. An anxiety disorder is different: the fear or worry is out of proportion to the situation, does not go away, and can get worse over time until it interferes with work, school and relationships <sup>[2]</sup>. Anxiety disorders are the most common mental disorders worldwide <sup>[1]</sup>.</p>
<h2>Common types</h2>
<p>There are several kinds of anxiety disorder <sup>[1]</sup>:</p>
<ul>
<li><strong>Generalised anxiety disorder:</strong> ongoing, excessive worry about everyday activities or events.</li>
<li><strong>Panic disorder:</strong> repeated panic attacks and fear of having more of them.</li>
<li><strong>Social anxiety disorder:</strong> intense fear and worry about social situations in which a person might feel embarrassed, humiliated or rejected.</li>
<li><strong>Specific phobias:</strong> strong, irrational fears of particular objects or situations that lead people to avoid them.</li>
<li><strong>Separation anxiety disorder:</strong> excessive fear or worry about being apart from the people a person feels close to.</li>
</ul>
<h2>How anxiety can feel</h2>
<p>Anxiety affects both the mind and the body <sup>[3]</sup>. It can cause:</p>
<ul>
<li>restlessness or a feeling of being constantly on edge</li>
<li>difficulty concentrating</li>
<li>irritability</li>
<li>a fast, strong or irregular heartbeat (palpitations)</li>
<li>dizziness, trembling or sweating</li>
<li>muscle aches and tension</li>
<li>trouble sleeping</li>
</ul>
<h2>Treatment options</h2>
<p>Anxiety disorders respond well to treatment. Talking therapy, particularly cognitive behavioural therapy (CBT), helps people notice anxious thoughts, test them against reality and face feared situations gradually <sup>[2]</sup>. Medicines can also help, most often a type of antidepressant called a selective serotonin reuptake inhibitor (SSRI), either alone or together with therapy <sup>[1]</sup>. For generalised anxiety disorder, the NHS offers talking therapies such as CBT and applied relaxation, as well as medicines <sup>[3]</sup>.</p>
<h2>Things you can try yourself</h2>
<p>Alongside professional help, everyday habits can make anxiety easier to manage <sup>[1]</sup>:</p>
<ol>
<li>Keep regular times for meals and sleep.</li>
<li>Be physically active, even if it is just a short walk.</li>
<li>Avoid or cut down on alcohol, and avoid illicit drugs.</li>
<li>Practise relaxation techniques such as slow breathing and progressive muscle relaxation.</li>
<li>Stay connected with people you trust.</li>
</ol>
<h2>When to see a doctor</h2>
<p>See a doctor if anxiety is affecting your daily life or causing you distress <sup>[3]</sup>. A doctor can also check that a physical health problem is not causing or adding to your symptoms <sup>[2]</sup>. If you feel unable to keep yourself safe, contact emergency services or a crisis line straight away.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Anxiety disorders",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/anxiety-disorders",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Anxiety disorders",
                "publisher": "National Institute of Mental Health",
                "publication_year": None,
                "url": "https://www.nimh.nih.gov/health/topics/anxiety-disorders",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Generalised anxiety disorder in adults",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/mental-health/conditions/generalised-anxiety-disorder/overview/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "healthy-sleep",
        "title": "How much sleep do adults need, and how can you get it?",
        "category": "healthy-living",
        "author": "daniel-okafor",
        "reviewer": "kwame-mensah",
        "status": "published",
        "summary": "Adults need at least 7 hours of sleep a night, yet many regularly get less. Find out why sleep "
        "matters, which habits help, what insomnia is and when poor sleep needs a doctor's attention.",
        "image_alt": "Abstract illustration for the article on healthy sleep",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Sleep is as important to health as a good diet and regular exercise, yet a large share of adults do not get enough of it. Too little sleep is linked with long-term conditions such as type 2 diabetes, heart disease, obesity and depression <sup>[2]</sup>.</p>
<h2>How much sleep do adults need?</h2>
<p>A joint consensus statement from the American Academy of Sleep Medicine and the Sleep Research Society recommends that adults sleep <strong>7 or more hours a night</strong> on a regular basis <sup>[1]</sup>. Children and teenagers need more, and the recommended amount changes with age <sup>[2]</sup>.</p>
<p>The same experts concluded that regularly sleeping less than 7 hours is associated with weight gain and obesity, diabetes, high blood pressure, heart disease, stroke, depression and a weaker immune system. It is also linked with more pain, poorer performance, more errors and a greater risk of accidents <sup>[1]</sup>.</p>
<h2>Habits that help you sleep</h2>
<p>Small, consistent changes often make a real difference <sup>[2]</sup>:</p>
<ol>
<li>Go to bed and get up at the same time every day, including at weekends.</li>
<li>Keep your bedroom quiet, dark, relaxing and at a comfortable temperature.</li>
<li>Take televisions, computers and phones out of the bedroom.</li>
<li>Avoid large meals, caffeine and alcohol before bedtime.</li>
<li>Be physically active during the day, which can help you fall asleep more easily at night.</li>
</ol>
<h2>What is insomnia?</h2>
<p>Insomnia means regularly having problems sleeping. You might find it hard to fall asleep, wake several times in the night, wake early and be unable to get back to sleep, or still feel tired after a night in bed. During the day this can leave you tired, irritable and struggling to concentrate <sup>[3]</sup>.</p>
<p>Insomnia often gets better when sleep habits change. When it does not, a doctor may recommend cognitive behavioural therapy for insomnia (CBT-I), a structured talking therapy that helps change the thoughts and behaviours that keep poor sleep going. Sleeping pills are now rarely prescribed for insomnia, and when they are, it is usually only for a short time <sup>[3]</sup>.</p>
<h2>When to see a doctor</h2>
<p>See a doctor about your sleep if <sup>[3]</sup>:</p>
<ul>
<li>changing your sleeping habits has not helped</li>
<li>you have had trouble sleeping for months</li>
<li>poor sleep is affecting your daily life in a way that makes it hard to cope</li>
</ul>
<p>Bring a sleep diary if you can: a week or two of notes on when you went to bed, roughly how long you slept and how you felt the next day gives your doctor a clearer picture.</p>""",
        "citations": [
            {
                "authors": "Watson NF, Badr MS, Belenky G, et al.",
                "title": "Recommended amount of sleep for a healthy adult: a joint consensus statement of the American "
                "Academy of Sleep Medicine and Sleep Research Society",
                "publisher": "Sleep",
                "publication_year": 2015,
                "url": "https://doi.org/10.5665/sleep.4716",
                "doi": "10.5665/sleep.4716",
                "pmid": "26039963",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "About sleep",
                "publisher": "Centers for Disease Control and Prevention",
                "publication_year": None,
                "url": "https://www.cdc.gov/sleep/about/index.html",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Insomnia",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/conditions/insomnia/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "childhood-vaccination",
        "title": "Childhood vaccination: how it protects children and communities",
        "category": "childrens-health",
        "author": "sofia-lindqvist",
        "reviewer": "elena-varga",
        "status": "published",
        "summary": "Routine vaccines protect children from serious infections such as measles and whooping cough. "
        "Learn how vaccination protects whole communities, what side effects to expect and what the evidence "
        "says about safety.",
        "image_alt": "Abstract illustration for the article on childhood vaccination",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Routine childhood vaccination protects against serious and sometimes deadly infections, including measles, diphtheria, tetanus, whooping cough (pertussis), polio and several causes of pneumonia and meningitis. Immunisation prevents illness, disability and death from these diseases every year, and it is one of the most effective public health tools we have <sup>[1]</sup>.</p>
<h2>How vaccines protect your child</h2>
<p>The main ingredient of a vaccine is a small amount of a germ, or a toxin it makes, that has been weakened or destroyed in a laboratory. This prepares the immune system to fight the real infection, and it means healthy children cannot catch the disease from the vaccine itself <sup>[3]</sup>.</p>
<h2>Protecting the whole community</h2>
<p>When enough people are vaccinated, it becomes harder for a disease to spread to those who cannot be vaccinated <sup>[3]</sup>. When coverage drops, outbreaks return. Measles shows why this matters: it is a highly contagious disease that spreads through the air, and it can cause serious complications such as pneumonia, swelling of the brain (encephalitis), severe diarrhoea and blindness. Two doses of measles vaccine are recommended to make sure children are immune <sup>[2]</sup>.</p>
<h2>Are vaccines safe?</h2>
<p>Vaccines go through laboratory tests and clinical trials before they are approved, and their safety continues to be monitored once they are in use <sup>[3]</sup>. Most side effects are mild and do not last long <sup>[3]</sup>:</p>
<ul>
<li>redness, swelling and soreness where the needle went in, for 2 to 3 days</li>
<li>babies and young children feeling a bit unwell or having a high temperature for 1 or 2 days</li>
<li>crying and being upset straight after the injection, which usually settles with a cuddle</li>
</ul>
<p>Serious allergic reactions are rare. When they happen, it is usually within minutes, and the staff giving vaccines are trained to treat them immediately <sup>[3]</sup>.</p>
<h3>Vaccines and autism</h3>
<p>The claim that vaccines cause autism has been studied thoroughly and has not held up. A meta-analysis including studies of more than 1.2 million children found no link between vaccination and autism <sup>[4]</sup>. A Danish study that followed more than 650,000 children found that the MMR (measles, mumps and rubella) vaccine did not increase the risk of autism, including in children who might be considered more susceptible, such as those with a brother or sister with autism <sup>[5]</sup>.</p>
<h2>Keeping on schedule</h2>
<ul>
<li>Follow your country's national schedule, which sets out which vaccines are given at which ages.</li>
<li>Keep your child's vaccination record safe and take it to every health visit.</li>
<li>If a dose has been missed, ask your clinic how to catch up.</li>
<li>Bring your questions: nurses and doctors expect them and are happy to help.</li>
</ul>
<h2>When to see a doctor</h2>
<p>Speak to your doctor or nurse if you are worried about your child having a vaccine, or are not sure whether they can have one <sup>[3]</sup>. Seek medical advice promptly if your child develops a high fever with a rash, especially if they have not had both doses of measles vaccine <sup>[2]</sup>.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Immunization coverage",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/immunization-coverage",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Measles",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/measles",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Why vaccination is safe and important",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/conditions/vaccinations/why-vaccination-is-safe-and-important/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Taylor LE, Swerdfeger AL, Eslick GD.",
                "title": "Vaccines are not associated with autism: an evidence-based meta-analysis of case-control "
                "and cohort studies",
                "publisher": "Vaccine",
                "publication_year": 2014,
                "url": "https://doi.org/10.1016/j.vaccine.2014.04.085",
                "doi": "10.1016/j.vaccine.2014.04.085",
                "pmid": "24814559",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Hviid A, Hansen JV, Frisch M, Melbye M.",
                "title": "Measles, mumps, rubella vaccination and autism: a nationwide cohort study",
                "publisher": "Annals of Internal Medicine",
                "publication_year": 2019,
                "url": "https://doi.org/10.7326/M18-2101",
                "doi": "10.7326/M18-2101",
                "pmid": "30831578",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "fibre-and-whole-grains",
        "title": "Fibre and whole grains: small swaps with big benefits",
        "category": "nutrition",
        "author": "sofia-lindqvist",
        "reviewer": "aisyah-rahmawati",
        "status": "published",
        "summary": "Eating more fibre and whole grains is linked with lower rates of heart disease, stroke, type 2 "
        "diabetes and bowel cancer. Here is how much to aim for and simple ways to get there.",
        "image_alt": "Abstract illustration for the article on fibre and whole grains",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Fibre is the part of plant foods that the body cannot fully digest. It is found in whole grains, vegetables, fruit, beans, lentils, nuts and seeds. Wholegrain foods, such as oats, brown rice and wholemeal bread, are good sources, and choosing them over refined versions is one of the easiest ways to eat more fibre <sup>[2]</sup>.</p>
<h2>Why fibre matters</h2>
<p>A major series of systematic reviews and meta-analyses published in <em>The Lancet</em> in 2019 brought together 185 prospective studies and 58 clinical trials. People who ate the most fibre had a 15 to 30% lower risk of dying from any cause and from heart and circulation disease than those who ate the least. They also had lower rates of coronary heart disease, stroke, type 2 diabetes and bowel (colorectal) cancer <sup>[1]</sup>.</p>
<p>The lower risks were seen most clearly at intakes of about 25 to 29 g of fibre a day, and the data suggested that eating more might bring further benefit. People who ate more whole grains showed similar results. The clinical trials in the same review found lower body weight, blood pressure and cholesterol with higher fibre intakes <sup>[1]</sup>. Because most of the evidence on disease comes from observational studies, it shows a strong association rather than absolute proof, but the findings were consistent across many studies.</p>
<h2>How much should you aim for?</h2>
<p>UK guidelines recommend that adults eat 30 g of fibre a day, while most adults eat only about 20 g <sup>[2]</sup>. The World Health Organization advises a diet built around fruit, vegetables, legumes such as lentils and beans, nuts and whole grains, with at least 400 g (five portions) of fruit and vegetables a day <sup>[3]</sup>.</p>
<h2>Easy ways to eat more fibre</h2>
<p>Try a few of these swaps <sup>[2]</sup>:</p>
<ul>
<li>Choose porridge oats or a higher-fibre breakfast cereal.</li>
<li>Switch to wholemeal or granary bread, and try brown rice and wholewheat pasta.</li>
<li>Eat potatoes with their skins on.</li>
<li>Add beans, lentils or chickpeas to stews, curries and salads.</li>
<li>Include plenty of vegetables with every meal.</li>
<li>Snack on fresh fruit, vegetable sticks, oatcakes or unsalted nuts and seeds.</li>
</ul>
<h3>A tip for your gut</h3>
<p>When you eat more fibre, drink plenty of fluids too, as this helps fibre do its job <sup>[2]</sup>.</p>
<h2>When to see a doctor</h2>
<p>Changing your diet is not a substitute for medical care. See a doctor about any lasting change in your bowel habits or blood in your stools. If you have a bowel condition or have been advised to follow a special diet, talk to your doctor or a dietitian before making big changes to the amount of fibre you eat.</p>""",
        "citations": [
            {
                "authors": "Reynolds A, Mann J, Cummings J, Winter N, Mete E, Te Morenga L.",
                "title": "Carbohydrate quality and human health: a series of systematic reviews and meta-analyses",
                "publisher": "The Lancet",
                "publication_year": 2019,
                "url": "https://doi.org/10.1016/S0140-6736(18)31809-9",
                "doi": "10.1016/S0140-6736(18)31809-9",
                "pmid": "30638909",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "How to get more fibre into your diet",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/live-well/eat-well/digestive-health/how-to-get-more-fibre-into-your-diet/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Healthy diet",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/healthy-diet",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "physical-activity",
        "title": "Physical activity: how much you need and why every move counts",
        "category": "healthy-living",
        "author": "daniel-okafor",
        "reviewer": "aisyah-rahmawati",
        "status": "published",
        "summary": "Regular physical activity lowers the risk of heart disease, diabetes and depression. Here are the "
        "WHO recommendations for children, adults and older adults, and easy ways to move more every day.",
        "image_alt": "Abstract illustration for the article on physical activity",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Physical activity means any movement that uses energy: walking or cycling to get somewhere, climbing stairs, carrying shopping, working in the garden, dancing or playing sport. Being active regularly is one of the best things you can do for your health, yet around a third of adults and most adolescents worldwide do not move enough <sup>[1]</sup>.</p>
<h2>What are the benefits?</h2>
<p>For adults, regular physical activity is linked with <sup>[1]</sup>:</p>
<ul>
<li>a lower risk of heart disease, stroke, high blood pressure, type 2 diabetes and several cancers</li>
<li>fewer symptoms of depression and anxiety</li>
<li>better thinking and memory</li>
<li>better sleep</li>
<li>a healthier body weight</li>
</ul>
<p>In older adults, staying active also helps prevent falls and the injuries they cause, and helps protect bone health and the ability to manage daily tasks <sup>[1]</sup>.</p>
<h2>How much is recommended?</h2>
<p>The WHO 2020 guidelines on physical activity and sedentary behaviour recommend <sup>[2]</sup>:</p>
<ul>
<li><strong>Adults aged 18 to 64:</strong> 150 to 300 minutes of moderate-intensity activity, or 75 to 150 minutes of vigorous activity, each week, or a mix of the two, plus muscle-strengthening activities on two or more days.</li>
<li><strong>Adults aged 65 and over:</strong> the same, plus varied activities that focus on balance and strength on three or more days a week, to improve function and help prevent falls.</li>
<li><strong>Children and adolescents aged 5 to 17:</strong> an average of at least 60 minutes a day of moderate-to-vigorous activity, mostly aerobic, with vigorous activities and activities that strengthen muscle and bone on at least three days a week.</li>
</ul>
<h3>Moderate or vigorous?</h3>
<p>Moderate activity raises your heart rate and makes you breathe faster and feel warmer; you can still talk, but not sing. Vigorous activity makes you breathe hard and fast, so you cannot say more than a few words without pausing for breath <sup>[3]</sup>.</p>
<h2>Every move counts</h2>
<p>The WHO guidelines stress that some physical activity is better than none. People who are not currently active can start with small amounts and build up gradually. The guidelines also advise spending less time sitting and replacing it with activity of any intensity, including light activity <sup>[2]</sup>. Ideas that fit into a normal day:</p>
<ol>
<li>Walk or cycle for short journeys.</li>
<li>Take the stairs instead of the lift.</li>
<li>Break up long periods of sitting by standing up and moving around.</li>
<li>Build strength by carrying shopping bags, doing heavy gardening or using your own body weight, for example with push-ups or sit-ups <sup>[3]</sup>.</li>
</ol>
<h2>When to see a doctor</h2>
<p>Most people can become more active safely if they start gently and build up. If you have not exercised for some time, or you have a medical condition or health concerns, speak to your doctor before starting a new exercise programme <sup>[3]</sup>.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Physical activity",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/physical-activity",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Bull FC, Al-Ansari SS, Biddle S, et al.",
                "title": "World Health Organization 2020 guidelines on physical activity and sedentary behaviour",
                "publisher": "British Journal of Sports Medicine",
                "publication_year": 2020,
                "url": "https://doi.org/10.1136/bjsports-2020-102955",
                "doi": "10.1136/bjsports-2020-102955",
                "pmid": "33239350",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Physical activity guidelines for adults aged 19 to 64",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/live-well/exercise/physical-activity-guidelines-for-adults-aged-19-to-64/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "handwashing",
        "title": "Handwashing: a simple habit that keeps families healthy",
        "category": "childrens-health",
        "author": "sofia-lindqvist",
        "reviewer": "elena-varga",
        "status": "published",
        "summary": "Washing hands with soap and water cuts the spread of diarrhoea and respiratory infections. Learn "
        "what the research shows, the key moments to wash, the right technique and how to teach children.",
        "image_alt": "Abstract illustration for the article on handwashing",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Germs move easily from hands to food, drinks, toys and other people, and they get into our bodies when we touch our eyes, nose or mouth. Washing your hands with soap and clean water is one of the best ways to protect yourself and your family from getting sick, including from diarrhoea and respiratory infections such as colds <sup>[1]</sup>.</p>
<h2>What the evidence shows</h2>
<p>A meta-analysis of 30 studies carried out in homes, schools and other community settings found that better hand hygiene reduced gastrointestinal illness (stomach and bowel infections) by 31% and respiratory illness by 21%. Hygiene education combined with ordinary soap worked best, and antibacterial soap added little extra benefit <sup>[2]</sup>.</p>
<p>In a randomised trial in low-income neighbourhoods of Karachi, Pakistan, households were given soap and visited every week to encourage handwashing. Compared with households that did not take part, children under five had half as many cases of pneumonia, and children under 15 had about half as much diarrhoea and about a third less impetigo, a skin infection. Plain soap worked as well as antibacterial soap <sup>[3]</sup>.</p>
<h2>Key times to wash your hands</h2>
<ul>
<li>before, during and after preparing food</li>
<li>before eating</li>
<li>after using the toilet, or after changing a nappy or helping a child use the toilet</li>
<li>after blowing your nose, coughing or sneezing</li>
<li>before and after caring for someone who is ill, and before and after treating a cut or wound</li>
<li>after touching animals, their food or their waste</li>
<li>after touching rubbish</li>
</ul>
<p>These moments are based on CDC advice <sup>[1]</sup>.</p>
<h2>How to wash properly</h2>
<ol>
<li>Wet your hands with clean running water, turn off the tap and apply soap.</li>
<li>Lather by rubbing your hands together, including the backs of your hands, between your fingers and under your nails.</li>
<li>Scrub for at least 20 seconds, about as long as humming "Happy Birthday" twice.</li>
<li>Rinse well under clean running water.</li>
<li>Dry your hands with a clean towel or let them air-dry.</li>
</ol>
<p>If soap and water are not available, use a hand sanitiser that contains at least 60% alcohol. Sanitisers do not remove all types of germs and work less well when hands are visibly dirty or greasy, so wash with soap and water as soon as you can <sup>[1]</sup>.</p>
<h2>Helping children build the habit</h2>
<p>Children learn by watching the adults around them. Wash your hands together, make it part of fixed routines such as before meals and after the toilet, and use a favourite song to time the 20 seconds. A step or stool at the sink and soap within easy reach make it easier for small children to do it themselves.</p>
<blockquote>Plain soap, clean water and 20 seconds of scrubbing are all it takes.</blockquote>""",
        "citations": [
            {
                "authors": "",
                "title": "About handwashing",
                "publisher": "Centers for Disease Control and Prevention",
                "publication_year": None,
                "url": "https://www.cdc.gov/clean-hands/about/index.html",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Aiello AE, Coulborn RM, Perez V, Larson EL.",
                "title": "Effect of hand hygiene on infectious disease risk in the community setting: a meta-analysis",
                "publisher": "American Journal of Public Health",
                "publication_year": 2008,
                "url": "https://doi.org/10.2105/AJPH.2007.124610",
                "doi": "10.2105/AJPH.2007.124610",
                "pmid": "18556606",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "Luby SP, Agboatwalla M, Feikin DR, et al.",
                "title": "Effect of handwashing on child health: a randomised controlled trial",
                "publisher": "The Lancet",
                "publication_year": 2005,
                "url": "https://doi.org/10.1016/S0140-6736(05)66912-7",
                "doi": "10.1016/S0140-6736(05)66912-7",
                "pmid": "16023513",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
    {
        "slug": "migraine",
        "title": "Migraine: more than a bad headache",
        "category": "diseases",
        "author": "nadia-prasetyo",
        "reviewer": "aisyah-rahmawati",
        "status": "draft",
        "summary": "Migraine is a common neurological condition that causes repeated, disabling headaches. Learn to "
        "recognise an attack and its triggers, what treatments can help, and which symptoms need urgent care.",
        "image_alt": "Abstract illustration for the article on migraine",
        "image_credit": "Illustration: healthcms demo.",
        "body": """<p>Migraine is much more than a bad headache. It is a common neurological condition that causes repeated attacks of moderate to severe head pain, often with other symptoms, that can last from a few hours to two or three days. During an attack many people cannot work, study or carry on with family life <sup>[1]</sup>.</p>
<h2>Recognising a migraine attack</h2>
<p>Typical features of a migraine headache include <sup>[1]</sup>:</p>
<ul>
<li>a pulsating or throbbing pain, often on one side of the head</li>
<li>pain that gets worse with ordinary physical activity</li>
<li>nausea, sometimes with vomiting</li>
<li>sensitivity to light and sound</li>
</ul>
<p>About 1 in 3 people with migraine have warning symptoms called an <strong>aura</strong> before the headache. These can include seeing flashing lights, zigzag patterns or blind spots, or numbness and pins and needles. An aura usually develops over about five minutes and lasts up to an hour <sup>[2]</sup>.</p>
<h2>Who gets migraine?</h2>
<p>Migraine often begins around puberty and most often affects people aged 35 to 45 <sup>[1]</sup>. It is about three times more common in women than in men, and genes are thought to play an important part <sup>[3]</sup>.</p>
<h2>Common triggers</h2>
<p>Attacks are often set off by particular triggers, which vary from person to person <sup>[2]</sup>:</p>
<ul>
<li>hormonal changes, such as around a period</li>
<li>stress or anxiety</li>
<li>tiredness and poor sleep</li>
<li>missed or irregular meals, and not drinking enough</li>
<li>alcohol and caffeine</li>
<li>bright or flickering lights and loud noise</li>
</ul>
<p>Keeping a headache diary for a few weeks can help you spot your own pattern <sup>[2]</sup>.</p>
<h2>Treatment</h2>
<p>There is no cure for migraine, but treatment can relieve attacks and make them less frequent <sup>[3]</sup>. Options include <sup>[2]</sup>:</p>
<ul>
<li>over-the-counter painkillers such as paracetamol, ibuprofen or aspirin (aspirin is not suitable for children under 16)</li>
<li>triptans, prescription medicines that can stop a migraine attack</li>
<li>anti-sickness medicines</li>
<li>preventive medicines for people who have frequent or severe attacks</li>
</ul>
<p>Be careful not to take painkillers too often: overusing medicines for headache can itself cause frequent headaches, known as medication-overuse headache <sup>[1]</sup>.</p>
<h2>When to see a doctor</h2>
<p>See a doctor if you have frequent or severe migraine symptoms <sup>[2]</sup>. Call an ambulance straight away if you or someone with you has <sup>[2]</sup>:</p>
<ul>
<li>weakness or paralysis in one or both arms or one side of the face</li>
<li>slurred or garbled speech</li>
<li>a sudden, agonising headache unlike anything experienced before</li>
<li>a headache with a high temperature, stiff neck, confusion, seizures, double vision or a rash</li>
</ul>
<p>These can be signs of a more serious problem, such as a stroke or meningitis.</p>""",
        "citations": [
            {
                "authors": "",
                "title": "Migraine and other headache disorders",
                "publisher": "World Health Organization",
                "publication_year": None,
                "url": "https://www.who.int/news-room/fact-sheets/detail/migraine-and-other-headache-disorders",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Migraine",
                "publisher": "NHS",
                "publication_year": None,
                "url": "https://www.nhs.uk/conditions/migraine/",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
            {
                "authors": "",
                "title": "Migraine",
                "publisher": "National Institute of Neurological Disorders and Stroke",
                "publication_year": None,
                "url": "https://www.ninds.nih.gov/health-information/disorders/migraine",
                "doi": "",
                "pmid": "",
                "accessed_on": datetime.date(2026, 10, 1),
            },
        ],
    },
]

# Shown first on the home page.
FEATURED = ["type-2-diabetes", "childhood-vaccination", "depression"]

PAGES = [
    {
        "slug": "editorial-policy",
        "title": "Editorial policy",
        "body": """<p>Every article on this site is written for the general public and checked by a doctor before it is published. This page explains how.</p>
<h2>Who writes our articles</h2>
<p>Our writers are health journalists and public-health graduates. Each article names its writer, who is responsible for making the text clear, complete and fair.</p>
<h2>Medical review</h2>
<p>Before an article is published, a medical reviewer (a registered doctor with experience in the topic) checks it against the sources it cites and against current clinical guidance. The reviewer either approves the article or sends it back with comments. Nobody reviews their own writing. The page shows who reviewed it and when.</p>
<h2>Sources</h2>
<p>We cite organisations such as the World Health Organization and national health services, and peer-reviewed research, with a numbered reference list at the end of each article. Numbers in the text link to the source they rest on.</p>
<h2>Updates and corrections</h2>
<p>We review articles when guidance changes. An updated article goes through medical review again; until it is approved, readers see the last approved version. If you find an error, please tell us and we will correct it.</p>
<h2>Independence</h2>
<p>We do not accept advertising that is disguised as information, and no sponsor can see or change an article before it is published.</p>""",
    },
]
