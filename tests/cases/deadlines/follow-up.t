# The follow-up letter in English, Russian and Uzbek names the complaint, the deadline and
# the article, and asks for an answer.
## run
seedvault
export VIGIL_TODAY=2024-06-20
vigil complaint follow-up complaint-prosecutor-general --lang en
vigil complaint follow-up complaint-prosecutor-general --lang ru
vigil complaint follow-up complaint-prosecutor-general --lang uz
vigil complaint follow-up complaint-prosecutor-general --lang fr; echo "status $?"
## stdout-has
On 27 May 2024 I filed a complaint with Prosecutor General’s Office. I asked: Identify and prosecute “LONDON”.
Under art. 28 of Law ZRU-445 of 11 September 2017, a complaint must be answered within 15 days; the answer was due by 11 June 2024.
As of 20 June 2024 I have received no answer: the deadline passed 9 days ago.
I ask you to answer my complaint without further delay
Согласно статье 28 Закона Республики Узбекистан № ЗРУ-445 от 11.09.2017, ответ на жалобу даётся в течение 15 дней; ответ должен был быть дан не позднее 11 июня 2024 г.
На 20 июня 2024 г. ответа я не получил(а): срок истёк 9 дней назад.
Прошу безотлагательно ответить на мою жалобу
2017-yil 11-sentyabrdagi O‘RQ-445-son Qonunning 28-moddasiga muvofiq, shikoyatga 15 kun ichida javob berilishi shart; javob 2024-yil 11-iyungacha berilishi kerak edi.
2024-yil 20-iyun holatiga ko‘ra javob olmadim: muddat 9 kun oldin o‘tib ketdi.
Shikoyatimga kechiktirmasdan javob berishingizni
status 2
## stderr-has
--lang takes en, ru or uz, not 'fr'
