"""Kafka topic names are letters, digits, '.', '_' and '-'."""

import azfunc as func

app = func.FunctionApp()


@app.kafka_trigger(arg_name="event", topic="orders:eu", broker_list="BrokerList")
def orders(event: func.KafkaEvent) -> None:
    print(event.get_body())
