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
// engine: neo4j
MATCH (t:Tally)
WHERE t.level = 'pair' AND t.type = 'ACCUSES' AND t.claims > 0
MATCH (src:Actor {id: t.src})
MATCH (dst:Actor {id: t.dst})
WITH src, dst, t
ORDER BY t.level DESC, t.type DESC, t.claims DESC, src.name, dst.name
LIMIT $limit
RETURN src.name AS accuser, dst.name AS accused, t.claims AS accusations,
       t.documents AS documents, t.first_date AS first_date, t.last_date AS last_date,
       CASE WHEN $evidence
            THEN COLLECT { MATCH (src)-[r:ACCUSES]->(dst) RETURN r.sentence ORDER BY r.sentence }
            ELSE [] END AS evidence
ORDER BY accusations DESC, accuser, accused
