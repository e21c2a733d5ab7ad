// name: who-accuses-whom
// question: Who accuses whom, and how often?
// params: limit:int=25, evidence:bool=false
// example: -p limit=10 -p evidence=true
// note: One row per (accuser, accused) pair; with evidence=true the sentences come along, sorted.
MATCH (src:Actor)-[r:ACCUSES]->(dst:Actor)
WITH src, dst, r
ORDER BY r.sentence
WITH src, dst, count(r) AS accusations, count(DISTINCT r.doc_id) AS documents,
     min(r.date) AS first_date, max(r.date) AS last_date, collect(r.sentence) AS sentences
RETURN src.name AS accuser, dst.name AS accused, accusations, documents, first_date, last_date,
       CASE WHEN $evidence THEN sentences ELSE [] END AS evidence
ORDER BY accusations DESC, accuser, accused
LIMIT $limit
// engine: ladybug
MATCH (src:Actor)-[r:ACCUSES]->(dst:Actor)
WITH src, dst, count(r) AS accusations, count(DISTINCT r.doc_id) AS documents,
     min(r.date) AS first_date, max(r.date) AS last_date,
     list_sort(collect(r.sentence)) AS sentences
RETURN src.name AS accuser, dst.name AS accused, accusations, documents, first_date, last_date,
       CASE WHEN $evidence THEN sentences ELSE [] END AS evidence
ORDER BY accusations DESC, accuser, accused
LIMIT $limit
