from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

ACTOR_KIND_COUNTRY: ActorKind
ACTOR_KIND_GROUP: ActorKind
ACTOR_KIND_ORGANIZATION: ActorKind
ACTOR_KIND_OTHER: ActorKind
ACTOR_KIND_PERSON: ActorKind
ACTOR_KIND_UNSPECIFIED: ActorKind
DESCRIPTOR: _descriptor.FileDescriptor
OFFSET_ENCODING_CODE_POINT: OffsetEncoding
OFFSET_ENCODING_UNSPECIFIED: OffsetEncoding
OFFSET_ENCODING_UTF16: OffsetEncoding
OFFSET_ENCODING_UTF8: OffsetEncoding
SENTIMENT_LABEL_MIXED: SentimentLabel
SENTIMENT_LABEL_NEGATIVE: SentimentLabel
SENTIMENT_LABEL_NEUTRAL: SentimentLabel
SENTIMENT_LABEL_POSITIVE: SentimentLabel
SENTIMENT_LABEL_UNSPECIFIED: SentimentLabel
STANCE_NEUTRAL: Stance
STANCE_OPPOSE: Stance
STANCE_SUPPORT: Stance
STANCE_UNSPECIFIED: Stance

class Actor(_message.Message):
    __slots__ = ["aliases", "id", "kind", "name"]
    ALIASES_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    aliases: _containers.RepeatedScalarFieldContainer[str]
    id: str
    kind: ActorKind
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., aliases: _Optional[_Iterable[str]] = ..., kind: _Optional[_Union[ActorKind, str]] = ...) -> None: ...

class ActorPair(_message.Message):
    __slots__ = ["holder_id", "oppose", "support", "target_id"]
    HOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    OPPOSE_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    holder_id: str
    oppose: PairStance
    support: PairStance
    target_id: str
    def __init__(self, holder_id: _Optional[str] = ..., target_id: _Optional[str] = ..., support: _Optional[_Union[PairStance, _Mapping]] = ..., oppose: _Optional[_Union[PairStance, _Mapping]] = ...) -> None: ...

class Analysis(_message.Message):
    __slots__ = ["mentions", "relations", "sentiment", "statement_id", "syntax", "targets"]
    MENTIONS_FIELD_NUMBER: _ClassVar[int]
    RELATIONS_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SYNTAX_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    mentions: _containers.RepeatedCompositeFieldContainer[Mention]
    relations: _containers.RepeatedCompositeFieldContainer[Relation]
    sentiment: Sentiment
    statement_id: str
    syntax: Syntax
    targets: _containers.RepeatedCompositeFieldContainer[TargetStance]
    def __init__(self, statement_id: _Optional[str] = ..., sentiment: _Optional[_Union[Sentiment, _Mapping]] = ..., targets: _Optional[_Iterable[_Union[TargetStance, _Mapping]]] = ..., relations: _Optional[_Iterable[_Union[Relation, _Mapping]]] = ..., mentions: _Optional[_Iterable[_Union[Mention, _Mapping]]] = ..., syntax: _Optional[_Union[Syntax, _Mapping]] = ...) -> None: ...

class AnalyzeDocumentRequest(_message.Message):
    __slots__ = ["actors", "document", "options"]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    document: Document
    options: AnalyzeOptions
    def __init__(self, document: _Optional[_Union[Document, _Mapping]] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., options: _Optional[_Union[AnalyzeOptions, _Mapping]] = ...) -> None: ...

class AnalyzeDocumentResponse(_message.Message):
    __slots__ = ["document_id", "lexicon_version", "pairs", "sentences"]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    LEXICON_VERSION_FIELD_NUMBER: _ClassVar[int]
    PAIRS_FIELD_NUMBER: _ClassVar[int]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    lexicon_version: str
    pairs: _containers.RepeatedCompositeFieldContainer[ActorPair]
    sentences: _containers.RepeatedCompositeFieldContainer[DocumentSentence]
    def __init__(self, document_id: _Optional[str] = ..., sentences: _Optional[_Iterable[_Union[DocumentSentence, _Mapping]]] = ..., pairs: _Optional[_Iterable[_Union[ActorPair, _Mapping]]] = ..., lexicon_version: _Optional[str] = ...) -> None: ...

class AnalyzeOptions(_message.Message):
    __slots__ = ["disable_gazetteer", "include_evidence", "include_syntax", "offset_encoding"]
    DISABLE_GAZETTEER_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_SYNTAX_FIELD_NUMBER: _ClassVar[int]
    OFFSET_ENCODING_FIELD_NUMBER: _ClassVar[int]
    disable_gazetteer: bool
    include_evidence: bool
    include_syntax: bool
    offset_encoding: OffsetEncoding
    def __init__(self, offset_encoding: _Optional[_Union[OffsetEncoding, str]] = ..., include_evidence: bool = ..., disable_gazetteer: bool = ..., include_syntax: bool = ...) -> None: ...

class AnalyzeRequest(_message.Message):
    __slots__ = ["actors", "options", "statements"]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    options: AnalyzeOptions
    statements: _containers.RepeatedCompositeFieldContainer[Statement]
    def __init__(self, statements: _Optional[_Iterable[_Union[Statement, _Mapping]]] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., options: _Optional[_Union[AnalyzeOptions, _Mapping]] = ...) -> None: ...

class AnalyzeResponse(_message.Message):
    __slots__ = ["analyses", "lexicon_version"]
    ANALYSES_FIELD_NUMBER: _ClassVar[int]
    LEXICON_VERSION_FIELD_NUMBER: _ClassVar[int]
    analyses: _containers.RepeatedCompositeFieldContainer[Analysis]
    lexicon_version: str
    def __init__(self, analyses: _Optional[_Iterable[_Union[Analysis, _Mapping]]] = ..., lexicon_version: _Optional[str] = ...) -> None: ...

class AnalyzeStreamRequest(_message.Message):
    __slots__ = ["actors", "options", "statement"]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    options: AnalyzeOptions
    statement: Statement
    def __init__(self, statement: _Optional[_Union[Statement, _Mapping]] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., options: _Optional[_Union[AnalyzeOptions, _Mapping]] = ...) -> None: ...

class AnalyzeStreamResponse(_message.Message):
    __slots__ = ["analysis", "lexicon_version"]
    ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    LEXICON_VERSION_FIELD_NUMBER: _ClassVar[int]
    analysis: Analysis
    lexicon_version: str
    def __init__(self, analysis: _Optional[_Union[Analysis, _Mapping]] = ..., lexicon_version: _Optional[str] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ["id", "text"]
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class DocumentSentence(_message.Message):
    __slots__ = ["analysis", "paragraph", "span"]
    ANALYSIS_FIELD_NUMBER: _ClassVar[int]
    PARAGRAPH_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    analysis: Analysis
    paragraph: int
    span: Span
    def __init__(self, span: _Optional[_Union[Span, _Mapping]] = ..., paragraph: _Optional[int] = ..., analysis: _Optional[_Union[Analysis, _Mapping]] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ["cue", "rule", "span", "weight"]
    CUE_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    cue: str
    rule: str
    span: Span
    weight: float
    def __init__(self, span: _Optional[_Union[Span, _Mapping]] = ..., cue: _Optional[str] = ..., weight: _Optional[float] = ..., rule: _Optional[str] = ...) -> None: ...

class ListActorsRequest(_message.Message):
    __slots__ = ["page_size", "page_token"]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListActorsResponse(_message.Message):
    __slots__ = ["actors", "next_page_token", "total_size"]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    next_page_token: str
    total_size: int
    def __init__(self, actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class Mention(_message.Message):
    __slots__ = ["actor_id", "span", "text"]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    actor_id: str
    span: Span
    text: str
    def __init__(self, actor_id: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., text: _Optional[str] = ...) -> None: ...

class PairStance(_message.Message):
    __slots__ = ["confidence", "count", "evidence", "score", "sentence"]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    SENTENCE_FIELD_NUMBER: _ClassVar[int]
    confidence: float
    count: int
    evidence: _containers.RepeatedCompositeFieldContainer[Evidence]
    score: float
    sentence: int
    def __init__(self, count: _Optional[int] = ..., sentence: _Optional[int] = ..., score: _Optional[float] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[Evidence, _Mapping]]] = ...) -> None: ...

class Relation(_message.Message):
    __slots__ = ["confidence", "evidence", "holder_id", "score", "stance", "target_id"]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    HOLDER_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    confidence: float
    evidence: _containers.RepeatedCompositeFieldContainer[Evidence]
    holder_id: str
    score: float
    stance: Stance
    target_id: str
    def __init__(self, holder_id: _Optional[str] = ..., target_id: _Optional[str] = ..., stance: _Optional[_Union[Stance, str]] = ..., score: _Optional[float] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[Evidence, _Mapping]]] = ...) -> None: ...

class Sentiment(_message.Message):
    __slots__ = ["label", "magnitude", "score"]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    MAGNITUDE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    label: SentimentLabel
    magnitude: float
    score: float
    def __init__(self, label: _Optional[_Union[SentimentLabel, str]] = ..., score: _Optional[float] = ..., magnitude: _Optional[float] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ["begin", "end"]
    BEGIN_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    begin: int
    end: int
    def __init__(self, begin: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Statement(_message.Message):
    __slots__ = ["actors", "id", "speaker_id", "text"]
    ACTORS_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    SPEAKER_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    actors: _containers.RepeatedCompositeFieldContainer[Actor]
    id: str
    speaker_id: str
    text: str
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., actors: _Optional[_Iterable[_Union[Actor, _Mapping]]] = ..., speaker_id: _Optional[str] = ...) -> None: ...

class Syntax(_message.Message):
    __slots__ = ["sentences"]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    sentences: _containers.RepeatedCompositeFieldContainer[SyntaxSentence]
    def __init__(self, sentences: _Optional[_Iterable[_Union[SyntaxSentence, _Mapping]]] = ...) -> None: ...

class SyntaxSentence(_message.Message):
    __slots__ = ["span", "words"]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    WORDS_FIELD_NUMBER: _ClassVar[int]
    span: Span
    words: _containers.RepeatedCompositeFieldContainer[SyntaxWord]
    def __init__(self, span: _Optional[_Union[Span, _Mapping]] = ..., words: _Optional[_Iterable[_Union[SyntaxWord, _Mapping]]] = ...) -> None: ...

class SyntaxWord(_message.Message):
    __slots__ = ["form", "head", "relation", "span", "upos"]
    FORM_FIELD_NUMBER: _ClassVar[int]
    HEAD_FIELD_NUMBER: _ClassVar[int]
    RELATION_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    UPOS_FIELD_NUMBER: _ClassVar[int]
    form: str
    head: int
    relation: str
    span: Span
    upos: str
    def __init__(self, span: _Optional[_Union[Span, _Mapping]] = ..., form: _Optional[str] = ..., upos: _Optional[str] = ..., head: _Optional[int] = ..., relation: _Optional[str] = ...) -> None: ...

class TargetStance(_message.Message):
    __slots__ = ["actor_id", "confidence", "evidence", "score", "stance"]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STANCE_FIELD_NUMBER: _ClassVar[int]
    actor_id: str
    confidence: float
    evidence: _containers.RepeatedCompositeFieldContainer[Evidence]
    score: float
    stance: Stance
    def __init__(self, actor_id: _Optional[str] = ..., stance: _Optional[_Union[Stance, str]] = ..., score: _Optional[float] = ..., confidence: _Optional[float] = ..., evidence: _Optional[_Iterable[_Union[Evidence, _Mapping]]] = ...) -> None: ...

class Stance(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class SentimentLabel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class OffsetEncoding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ActorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
